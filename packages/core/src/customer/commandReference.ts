import type { TouchpointEventType } from '../catalog/index';
import type { RapportErrorCode } from '../errors/rapportError';
import { type CustomerCommandType, touchpointFactEvents } from './commands';

/** One way a command is refused: the error's code and, in words, when. */
export interface CommandRefusal {
  readonly code: RapportErrorCode;
  readonly when: string;
}

/** What the command reference (docs/commands.md) says of one customer command beyond its schema. */
export interface CommandReferenceEntry {
  /** What the command does, in one or two sentences. */
  readonly summary: string;
  /** Every event type the command can record; an empty decision records nothing (see `summary`). */
  readonly records: readonly TouchpointEventType[];
  /** True when the record must be active: refused `NotFound` when unregistered, `IllegalState` when merged or forgotten. */
  readonly activeRecord: boolean;
  /** The refusals of the command's own rules, beyond its schema and the active-record rule. */
  readonly refusals: readonly CommandRefusal[];
}

/**
 * The reference of every customer command: with the command schemas, the source of docs/commands.md. Keyed by every
 * command type, so a new command cannot go undocumented; a test runs an example of each refusal against the decider.
 */
export const customerCommandReference: { readonly [TType in CustomerCommandType]: CommandReferenceEntry } = {
  RegisterCustomer: {
    summary:
      'Makes a person or company known, as a prospect or a customer, with whatever contact details are known.',
    records: ['CustomerRegistered'],
    activeRecord: false,
    refusals: [{ code: 'IllegalState', when: 'the customer id is registered already' }],
  },
  ChangeContactDetails: {
    summary:
      'Replaces the contact fields it names (name, company, emails, phones, addresses…); the others stay.',
    records: ['ContactDetailsChanged'],
    activeRecord: true,
    refusals: [{ code: 'Validation', when: '`changes` names no field' }],
  },
  RecordPersonalDetails: {
    summary: 'Records personal details (birthday, anniversaries, household, interests…) that it names.',
    records: ['PersonalDetailsRecorded'],
    activeRecord: true,
    refusals: [{ code: 'Validation', when: 'it names no detail' }],
  },
  SetCustomAttribute: {
    summary:
      'Sets one user-defined attribute; any key is taken as it is, `constructor` and `__proto__` included.',
    records: ['CustomAttributeSet'],
    activeRecord: true,
    refusals: [],
  },
  AddTag: {
    summary: 'Tags the record; a tag it has already records nothing.',
    records: ['TagAdded'],
    activeRecord: true,
    refusals: [],
  },
  RemoveTag: {
    summary: 'Removes a tag; a tag it does not have records nothing.',
    records: ['TagRemoved'],
    activeRecord: true,
    refusals: [],
  },
  ConvertProspect: {
    summary:
      'Makes a prospect a customer, optionally naming the order that did it (a purchase does it itself).',
    records: ['ProspectConverted'],
    activeRecord: true,
    refusals: [{ code: 'IllegalState', when: 'the record is a customer already' }],
  },
  RecordPurchase: {
    summary:
      'Records an order; a prospect becomes a customer with it. When every line has a unit price, the total must be the lines (quantity × unitPrice) − discount + tax + shipping.',
    records: ['ProspectConverted', 'PurchaseCompleted'],
    activeRecord: true,
    refusals: [
      { code: 'IllegalState', when: 'the order id is recorded already' },
      { code: 'Validation', when: 'it has no line and a total of zero: nothing was bought' },
      {
        code: 'Validation',
        when: 'the total is not what its priced lines, discount, tax and shipping add up to',
      },
    ],
  },
  RecordRefund: {
    summary:
      "Records money going back on an order, with goods (`kind: return`) or without (`kind: refund`). Refunds never exceed what was paid: the amount is at most the order total less what was refunded on it. A return's `lines` name SKUs of the order and take back at most what it bought of each, less what earlier returns took (a return may leave its lines out); a refund carries none. Nothing is refunded before the order: the command's `occurredAt` (or, without one, the time of the service's clock) is not before the order's.",
    records: ['OrderRefunded'],
    activeRecord: true,
    refusals: [
      { code: 'NotFound', when: 'the order is not on this record' },
      { code: 'IllegalState', when: 'the refund id is recorded already' },
      { code: 'Validation', when: "the currency is not the order's" },
      { code: 'IllegalState', when: 'the amount exceeds what is still refundable on the order' },
      { code: 'Validation', when: 'a `refund` (not a return) is of zero' },
      { code: 'IllegalState', when: 'it is dated before the order' },
      { code: 'Validation', when: 'a `refund` has lines: goods that came back make it a `return`' },
      { code: 'Validation', when: 'a return names a SKU that is not on the order' },
      {
        code: 'IllegalState',
        when: 'a return takes back more of a SKU than the order bought, less what earlier returns took',
      },
    ],
  },
  AgreeCreditTerms: {
    summary:
      'Agrees (or changes) the credit limit, currency and payment days under which invoices are issued.',
    records: ['CreditTermsAgreed'],
    activeRecord: true,
    refusals: [
      { code: 'IllegalState', when: 'it changes the currency while invoices in the old one are still open' },
    ],
  },
  IssueInvoice: {
    summary: 'Issues an invoice on credit; the open balance of all invoices stays within the credit limit.',
    records: ['InvoiceIssued'],
    activeRecord: true,
    refusals: [
      { code: 'IllegalState', when: 'no credit terms are agreed' },
      { code: 'IllegalState', when: 'the invoice id is issued already' },
      { code: 'Validation', when: 'the currency is not the credit currency' },
      { code: 'IllegalState', when: 'the open balance would go over the credit limit' },
    ],
  },
  RecordPayment: {
    summary: 'Records a payment against an issued invoice, at most what is open on it.',
    records: ['PaymentReceived'],
    activeRecord: true,
    refusals: [
      { code: 'NotFound', when: 'the invoice is not issued to this record' },
      { code: 'Validation', when: "the currency is not the invoice's" },
      { code: 'IllegalState', when: 'the amount exceeds what is open on the invoice' },
    ],
  },
  GrantConsent: {
    summary:
      'Records consent to be contacted on a channel for a purpose; a consent held already records nothing unless it is renewed (with `expiresAt` or `proof`).',
    records: ['ConsentGranted'],
    activeRecord: true,
    refusals: [],
  },
  WithdrawConsent: {
    summary: 'Withdraws a consent; one not held records nothing.',
    records: ['ConsentWithdrawn'],
    activeRecord: true,
    refusals: [],
  },
  SetContactPreferences: {
    summary:
      'Sets how the customer likes to be contacted: channel, quiet hours, time zone, frequency, topics.',
    records: ['ContactPreferencesSet'],
    activeRecord: true,
    refusals: [],
  },
  RecordTouchpoint: {
    summary:
      'Records one communication, marketing, service, feedback or web fact as it is given (`event: { type, data }`); tickets and complaints open and resolve once.',
    records: touchpointFactEvents.map((definition) => definition.type),
    activeRecord: true,
    refusals: [
      { code: 'IllegalState', when: 'a ticket or complaint it opens is open already' },
      { code: 'NotFound', when: 'a ticket or complaint it resolves is not open' },
    ],
  },
  MergeCustomers: {
    summary:
      'Folds `absorbedId` into `customerId`; it spans two records, so run it as `customers.merge(survivorId, absorbedId)`, which closes the absorbed record (`CustomerMergedInto`) and hands its orders, invoices and open cases to the survivor (`CustomersMerged`). See [identity](identity.md).',
    records: [],
    activeRecord: false,
    refusals: [{ code: 'IllegalState', when: 'sent to `execute` or to the decider: it spans two records' }],
  },
  UnmergeCustomers: {
    summary:
      'Undoes a merge; it spans two records, so run it as `customers.unmerge(survivorId, absorbedId)`, which gives back what came from the absorbed record (`CustomersUnmerged`) and reopens it (`CustomerRestored`). See [identity](identity.md).',
    records: [],
    activeRecord: false,
    refusals: [{ code: 'IllegalState', when: 'sent to `execute` or to the decider: it spans two records' }],
  },
  ForgetCustomer: {
    summary:
      'Forgets the customer (right to erasure): the customer service, over a protected store, records `CustomerForgotten` and then destroys the keys of the record and of every record merged into it; over a store that cannot erase it is refused with a `Configuration` error, and the bare decider refuses it. Nothing more is recorded for them; repeating it records nothing. See [security](security.md) for what erasure covers.',
    records: ['CustomerForgotten'],
    activeRecord: false,
    refusals: [{ code: 'NotFound', when: 'the customer id is not registered' }],
  },
};
