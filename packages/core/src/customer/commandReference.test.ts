import { readFileSync } from 'node:fs';
import {
  arbitraryCustomerHistory,
  arbitraryFromSchema,
  givenDecider,
  recordCustomerHistory,
} from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCommandReference } from '../../scripts/commandDocs';
import type { TouchpointEvent } from '../catalog/index';
import { isRapportError } from '../errors/rapportError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { customerCommandReference } from './commandReference';
import { type CustomerCommandInput, type CustomerCommandType, customerCommandSchema } from './commands';
import { createCustomerService } from './customerService';
import { forgetDecider } from './decideForget';
import { customerDecider } from './decider';

const page = () => readFileSync(new URL('../../../../docs/commands.md', import.meta.url), 'utf8');
const commandTypes = customerCommandSchema.options.map((option) => option.shape.type.value);

const c = 'c1';
const registered: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'customer' } };
const bought: TouchpointEvent = {
  type: 'PurchaseCompleted',
  data: {
    orderId: 'o1',
    lines: [{ sku: 'kettle', quantity: 1, unitPrice: 1000 }],
    total: 1000,
    currency: 'USD',
    paymentMethod: 'card',
  },
};
const refunded: TouchpointEvent = {
  type: 'OrderRefunded',
  data: { orderId: 'o1', refundId: 'r1', kind: 'refund', amount: 400, currency: 'USD', reason: 'goodwill' },
};
const credit: TouchpointEvent = {
  type: 'CreditTermsAgreed',
  data: { limit: 5000, currency: 'USD', paymentDays: 30 },
};
const invoiced: TouchpointEvent = {
  type: 'InvoiceIssued',
  data: { invoiceId: 'i1', amount: 3000, currency: 'USD', dueDate: '2026-02-01' },
};
const ticket: TouchpointEvent = {
  type: 'TicketOpened',
  data: { ticketId: 't1', category: 'delivery', priority: 'normal' },
};

const purchase = (data: Record<string, unknown> = {}): CustomerCommandInput => ({
  type: 'RecordPurchase',
  data: { customerId: c, ...(bought.data as object), orderId: 'o2', ...data } as never,
});
const refund = (data: Record<string, unknown> = {}): CustomerCommandInput => ({
  type: 'RecordRefund',
  data: { customerId: c, ...(refunded.data as object), refundId: 'r2', amount: 100, ...data } as never,
});
const invoice = (data: Record<string, unknown> = {}): CustomerCommandInput => ({
  type: 'IssueInvoice',
  data: { customerId: c, ...(invoiced.data as object), invoiceId: 'i2', amount: 1000, ...data } as never,
});
const payment = (data: Record<string, unknown> = {}): CustomerCommandInput => ({
  type: 'RecordPayment',
  data: {
    customerId: c,
    paymentId: 'p1',
    invoiceId: 'i1',
    amount: 100,
    currency: 'USD',
    method: 'bank_transfer',
    ...data,
  } as never,
});
const touchpoint = (event: TouchpointEvent): CustomerCommandInput => ({
  type: 'RecordTouchpoint',
  data: { customerId: c, event } as never,
});

/** One history and command that meets a refusal (decided at `at`, when given), and a fragment of what the error says. */
interface RefusalExample {
  readonly given: readonly TouchpointEvent[];
  readonly when: CustomerCommandInput;
  readonly at?: string;
  readonly says: string;
}

/** For every command, an example of each refusal the reference names, in the reference's order. */
const refusalExamples: { readonly [TType in CustomerCommandType]: readonly RefusalExample[] } = {
  RegisterCustomer: [
    {
      given: [registered],
      when: { type: 'RegisterCustomer', data: { customerId: c, kind: 'customer' } },
      says: 'already registered',
    },
  ],
  ChangeContactDetails: [
    {
      given: [registered],
      when: { type: 'ChangeContactDetails', data: { customerId: c, changes: {} } },
      says: 'at least one field',
    },
  ],
  RecordPersonalDetails: [
    {
      given: [registered],
      when: { type: 'RecordPersonalDetails', data: { customerId: c } },
      says: 'at least one detail',
    },
  ],
  SetCustomAttribute: [],
  AddTag: [],
  RemoveTag: [],
  ConvertProspect: [
    {
      given: [registered],
      when: { type: 'ConvertProspect', data: { customerId: c } },
      says: 'already a customer',
    },
  ],
  RecordPurchase: [
    { given: [registered, bought], when: purchase({ orderId: 'o1' }), says: 'already recorded' },
    { given: [registered], when: purchase({ lines: [], total: 0 }), says: 'something bought' },
    { given: [registered], when: purchase({ total: 999 }), says: 'must equal the lines' },
  ],
  RecordRefund: [
    { given: [registered], when: refund(), says: 'order o1 is not recorded' },
    { given: [registered, bought, refunded], when: refund({ refundId: 'r1' }), says: 'already recorded' },
    { given: [registered, bought], when: refund({ currency: 'EUR' }), says: "order's currency USD" },
    { given: [registered, bought, refunded], when: refund({ amount: 601 }), says: 'exceeds the 600' },
    { given: [registered, bought], when: refund({ amount: 0 }), says: 'greater than zero' },
    {
      given: [
        registered,
        { ...bought, metadata: { occurredAt: '2026-01-10T09:00:00.000Z' } } as TouchpointEvent,
      ],
      when: refund(),
      at: '2026-01-09T09:00:00.000Z',
      says: 'before order o1 was placed (2026-01-10T09:00:00.000Z)',
    },
    {
      given: [registered, bought],
      when: refund({ lines: [{ sku: 'kettle', quantity: 1 }] }),
      says: 'must be left out of a `refund`',
    },
    {
      given: [registered, bought],
      when: refund({ kind: 'return', lines: [{ sku: 'toaster', quantity: 1 }] }),
      says: 'must be a SKU on order o1 (kettle)',
    },
    {
      given: [registered, bought],
      when: refund({ kind: 'return', lines: [{ sku: 'kettle', quantity: 2 }] }),
      says: 'return of 2 × kettle exceeds the 1 still returnable on order o1',
    },
  ],
  AgreeCreditTerms: [
    {
      given: [registered, credit, invoiced],
      when: {
        type: 'AgreeCreditTerms',
        data: { customerId: c, limit: 5000, currency: 'EUR', paymentDays: 30 },
      },
      says: 'while invoices in USD are open',
    },
  ],
  IssueInvoice: [
    { given: [registered], when: invoice(), says: 'no credit terms' },
    { given: [registered, credit, invoiced], when: invoice({ invoiceId: 'i1' }), says: 'already issued' },
    { given: [registered, credit], when: invoice({ currency: 'EUR' }), says: 'credit currency USD' },
    { given: [registered, credit, invoiced], when: invoice({ amount: 2001 }), says: 'over the credit limit' },
  ],
  RecordPayment: [
    { given: [registered, credit], when: payment(), says: 'invoice i1 is not issued' },
    { given: [registered, credit, invoiced], when: payment({ currency: 'EUR' }), says: 'invoice currency' },
    { given: [registered, credit, invoiced], when: payment({ amount: 3001 }), says: 'exceeds the 3000 open' },
  ],
  GrantConsent: [],
  WithdrawConsent: [],
  SetContactPreferences: [],
  RecordTouchpoint: [
    { given: [registered, ticket], when: touchpoint(ticket), says: 'already open' },
    {
      given: [registered],
      when: touchpoint({ type: 'TicketResolved', data: { ticketId: 't1', resolution: 'fixed' } }),
      says: 'no open ticket t1',
    },
  ],
  MergeCustomers: [
    {
      given: [registered],
      when: { type: 'MergeCustomers', data: { customerId: c, absorbedId: 'c2' } },
      says: 'spans two customers',
    },
  ],
  UnmergeCustomers: [
    {
      given: [registered],
      when: { type: 'UnmergeCustomers', data: { customerId: c, absorbedId: 'c2' } },
      says: 'spans two customers',
    },
  ],
  ForgetCustomer: [
    {
      given: [],
      when: { type: 'ForgetCustomer', data: { customerId: c, reason: 'subject_request' } },
      says: 'not registered',
    },
  ],
};

/** A valid command of one type for customer c1, drawn from its schema. */
const sampleOf = (type: CustomerCommandType, seed: number): CustomerCommandInput => {
  const option = customerCommandSchema.options.find((o) => o.shape.type.value === type)!;
  const [command] = fc.sample(arbitraryFromSchema(option), { numRuns: 1, seed });
  return { ...command, data: { ...command!.data, customerId: c } } as CustomerCommandInput;
};

// the service decides an erasure with its own decider, which records it and then destroys the keys
const deciderFor = (type: string) => (type === 'ForgetCustomer' ? forgetDecider : customerDecider);

const outcomeOf = (history: readonly TouchpointEvent[], command: CustomerCommandInput) => {
  const decider = deciderFor(command.type);
  try {
    decider.decide(
      decider.commandSchema!.parse(command),
      history.reduce(decider.evolve, decider.initialState()),
    );
    return 'accepted';
  } catch (error) {
    return isRapportError(error) ? `${error.code}: ${error.message}` : String(error);
  }
};

describe('the command reference (docs/commands.md)', () => {
  it('is generated from the current command schemas and reference (run `pnpm docs:commands` after changing a command)', () => {
    expect(page()).toBe(renderCommandReference());
  });

  it('has one entry per command, and shows each with every field of its data', () => {
    expect(Object.keys(customerCommandReference).sort()).toEqual([...commandTypes].sort());
    const text = page();
    for (const option of customerCommandSchema.options) {
      const type = option.shape.type.value;
      const section = text.slice(
        text.indexOf(`## ${type}\n`),
        text.indexOf('\n## ', text.indexOf(`## ${type}\n`) + 1),
      );
      expect(section, type).toContain(`## ${type}\n`);
      for (const field of Object.keys(option.shape.data.shape))
        expect(section, type).toContain(`| \`${field}\` |`);
    }
  });

  it('names refusals that the decider makes, each met by an example with that code and rule', () => {
    for (const type of commandTypes) {
      const { refusals } = customerCommandReference[type];
      const examples = refusalExamples[type];
      expect(examples.length, `${type}: one example per refusal`).toBe(refusals.length);
      for (const [i, example] of examples.entries()) {
        expect(example.when.type).toBe(type);
        givenDecider(deciderFor(type), example.given)
          .when(example.when as never, example.at === undefined ? undefined : { occurredAt: example.at })
          .thenThrows(refusals[i]!.code, example.says);
      }
    }
  });

  it('says which commands need an active record, and those are refused for an unregistered, merged or forgotten one', () => {
    const merged: TouchpointEvent = { type: 'CustomerMergedInto', data: { survivorId: 'c9' } };
    const forgotten: TouchpointEvent = { type: 'CustomerForgotten', data: { reason: 'subject_request' } };
    for (const type of commandTypes) {
      const { activeRecord } = customerCommandReference[type];
      // the command of its first refusal example, or one drawn from its schema: the record is checked first
      const command = refusalExamples[type][0]?.when ?? sampleOf(type, 1);
      const outcomes = [
        outcomeOf([], command),
        outcomeOf([registered, merged], command),
        outcomeOf([registered, forgotten], command),
      ];
      if (activeRecord) {
        expect(outcomes[0], type).toContain('NotFound: customer c1 is not registered');
        expect(outcomes[1], type).toContain('IllegalState: customer c1 was merged into c9');
        expect(outcomes[2], type).toContain('IllegalState: customer c1 was forgotten');
      } else {
        expect(outcomes.join('\n'), type).not.toMatch(
          /was merged into c9; address commands|was forgotten; nothing more/,
        );
      }
    }
  });

  it('lists every event type a command records, over any coherent history of customers', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCustomerHistory({ customers: 3, maxSteps: 30 }), async (history) => {
        const customers = createCustomerService(createInMemoryEventStore());
        const { execute } = customers;
        const seen: [string, string][] = [];
        await recordCustomerHistory(
          {
            ...customers,
            execute: async (command, options) => {
              const result = await execute(command, options);
              for (const event of result.events) seen.push([command.type, event.type]);
              return result;
            },
          },
          history,
        );
        for (const [type, event] of seen)
          expect(customerCommandReference[type as CustomerCommandType].records, type).toContain(event);
      }),
      { numRuns: 40 },
    );
  });
});
