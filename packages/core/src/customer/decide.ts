import type { TouchpointEvent } from '../catalog/index';
import type { DecisionContext } from '../decider/decider';
import { illegalState, notFound } from '../errors/guards';
import {
  type CustomerCommand,
  type CustomerCommandOf,
  type IdentityStep,
  identityStepTypes,
} from './commands';
import { decideIdentityStep } from './decideIdentity';
import { decideRefund } from './decideRefund';
import { fail } from './fail';
import { type CustomerState, consentKey, outstandingCredit } from './state';

/** Throws NotFound for an unregistered customer and IllegalState for a merged or forgotten one. */
export const assertActiveCustomer = (state: CustomerState, customerId: string): void => {
  switch (state.status) {
    case 'unregistered':
      throw notFound(`customer ${customerId} is not registered`, { customerId });
    case 'merged':
      throw illegalState(
        `customer ${customerId} was merged into ${state.mergedInto}; address commands to ${state.mergedInto}`,
        {
          customerId,
          mergedInto: state.mergedInto,
        },
      );
    case 'forgotten':
      throw illegalState(`customer ${customerId} was forgotten; nothing more can be recorded for them`, {
        customerId,
      });
    default:
  }
};

const checkPurchaseTotal = (data: CustomerCommandOf<'RecordPurchase'>['data']): void => {
  if (data.lines.length === 0 && data.total === 0) {
    fail('RecordPurchase.data', 'must record something bought: at least one line, or a total above zero');
  }
  if (data.lines.length === 0 || data.lines.some((line) => line.unitPrice === undefined)) return;
  const lines = data.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice!, 0);
  const expected = lines - (data.discount ?? 0) + (data.tax ?? 0) + (data.shipping ?? 0);
  if (!Number.isSafeInteger(expected))
    fail('RecordPurchase.data.total', 'the order amounts overflow exact integer arithmetic');
  if (expected !== data.total) {
    fail(
      'RecordPurchase.data.total',
      `must equal the lines (quantity × unitPrice) − discount + tax + shipping = ${expected}`,
      data.total,
    );
  }
};

const decideTouchpoint = (
  { event }: CustomerCommandOf<'RecordTouchpoint'>['data'],
  state: CustomerState,
): TouchpointEvent[] => {
  switch (event.type) {
    case 'TicketOpened':
      if (state.openTickets.has(event.data.ticketId))
        throw illegalState(`ticket ${event.data.ticketId} is already open`);
      break;
    case 'TicketResolved':
      if (!state.openTickets.has(event.data.ticketId))
        throw notFound(`no open ticket ${event.data.ticketId}`);
      break;
    case 'ComplaintFiled':
      if (state.openComplaints.has(event.data.complaintId)) {
        throw illegalState(`complaint ${event.data.complaintId} is already open`);
      }
      break;
    case 'ComplaintResolved':
      if (!state.openComplaints.has(event.data.complaintId))
        throw notFound(`no open complaint ${event.data.complaintId}`);
      break;
    default:
  }
  return [event as TouchpointEvent];
};

/** Refuses an identity step sent from outside the customer service, naming it. */
export const identityStepRefused = (type: string) =>
  illegalState(
    `${type} is a step of the customer service's merge or unmerge and cannot be sent on its own: call merge(survivorId, absorbedId) or unmerge(survivorId, absorbedId), which read both records`,
    { command: type },
  );

/** Decides a caller's command or one of the service's identity steps; `context` dates what it decides. */
export const decideCustomerOrStep = (
  command: CustomerCommand | IdentityStep,
  state: CustomerState,
  context?: DecisionContext,
): TouchpointEvent[] => {
  const { customerId } = command.data;
  if (command.type === 'RegisterCustomer') {
    if (state.status !== 'unregistered')
      throw illegalState(`customer ${customerId} is already registered`, { customerId });
    const { customerId: _, ...data } = command.data;
    return [{ type: 'CustomerRegistered', data }];
  }
  if (command.type === 'ForgetCustomer') {
    throw illegalState(
      'ForgetCustomer must destroy keys, which a decider cannot: run it with the customer service over a protected store (see docs/security.md)',
      { customerId },
    );
  }
  if (command.type === 'MergeCustomers' || command.type === 'UnmergeCustomers') {
    throw illegalState(
      `${command.type} spans two customers: run it with the customer service (merge or unmerge), not on one stream`,
    );
  }
  if (command.type === 'RestoreCustomer') return decideIdentityStep(command, state);
  assertActiveCustomer(state, customerId);

  switch (command.type) {
    case 'ChangeContactDetails': {
      const { changes, reason } = command.data;
      if (Object.keys(changes).length === 0)
        fail('ChangeContactDetails.data.changes', 'must change at least one field');
      return [
        { type: 'ContactDetailsChanged', data: reason === undefined ? { changes } : { changes, reason } },
      ];
    }
    case 'RecordPersonalDetails': {
      const { customerId: _, ...data } = command.data;
      if (Object.keys(data).length === 0)
        fail('RecordPersonalDetails.data', 'must record at least one detail');
      return [{ type: 'PersonalDetailsRecorded', data }];
    }
    case 'SetCustomAttribute':
      return [{ type: 'CustomAttributeSet', data: { key: command.data.key, value: command.data.value } }];
    case 'AddTag':
      return state.tags.has(command.data.tag) ? [] : [{ type: 'TagAdded', data: { tag: command.data.tag } }];
    case 'RemoveTag':
      return state.tags.has(command.data.tag)
        ? [{ type: 'TagRemoved', data: { tag: command.data.tag } }]
        : [];
    case 'ConvertProspect':
      if (state.status !== 'prospect')
        throw illegalState(`customer ${customerId} is already a customer`, { customerId });
      return [
        {
          type: 'ProspectConverted',
          data: command.data.orderId === undefined ? {} : { orderId: command.data.orderId },
        },
      ];
    case 'RecordPurchase': {
      const { customerId: _, ...data } = command.data;
      if (state.orders.has(data.orderId))
        throw illegalState(`order ${data.orderId} is already recorded`, { orderId: data.orderId });
      checkPurchaseTotal(command.data);
      const purchase: TouchpointEvent = { type: 'PurchaseCompleted', data };
      return state.status === 'prospect'
        ? [{ type: 'ProspectConverted', data: { orderId: data.orderId } }, purchase]
        : [purchase];
    }
    case 'RecordRefund':
      return decideRefund(command.data, state, context);
    case 'AgreeCreditTerms': {
      const { customerId: _, ...data } = command.data;
      if (state.credit && state.credit.currency !== data.currency && outstandingCredit(state) > 0) {
        throw illegalState(
          `cannot change the credit currency to ${data.currency} while invoices in ${state.credit.currency} are open`,
        );
      }
      return [{ type: 'CreditTermsAgreed', data }];
    }
    case 'IssueInvoice': {
      const { customerId: _, ...data } = command.data;
      if (!state.credit)
        throw illegalState(`customer ${customerId} has no credit terms; agree them before invoicing`);
      if (state.invoices.has(data.invoiceId))
        throw illegalState(`invoice ${data.invoiceId} is already issued`);
      if (data.currency !== state.credit.currency) {
        fail(
          'IssueInvoice.data.currency',
          `must be the credit currency ${state.credit.currency}`,
          data.currency,
        );
      }
      const outstanding = outstandingCredit(state);
      if (outstanding + data.amount > state.credit.limit) {
        throw illegalState(
          `invoice of ${data.amount} would take the open balance to ${outstanding + data.amount}, over the credit limit ${state.credit.limit}`,
          { limit: state.credit.limit, outstanding, requested: data.amount },
        );
      }
      return [{ type: 'InvoiceIssued', data }];
    }
    case 'RecordPayment': {
      const { customerId: _, ...data } = command.data;
      const invoice = state.invoices.get(data.invoiceId);
      if (!invoice) throw notFound(`invoice ${data.invoiceId} is not issued to customer ${customerId}`);
      if (data.currency !== invoice.currency) {
        fail(
          'RecordPayment.data.currency',
          `must be the invoice currency ${invoice.currency}`,
          data.currency,
        );
      }
      const open = invoice.amount - invoice.paid;
      if (data.amount > open) {
        throw illegalState(
          `payment of ${data.amount} exceeds the ${open} open on invoice ${data.invoiceId}`,
          { open },
        );
      }
      return [{ type: 'PaymentReceived', data }];
    }
    case 'GrantConsent': {
      const { customerId: _, ...data } = command.data;
      const renewing = data.expiresAt !== undefined || data.proof !== undefined;
      return state.consents.has(consentKey(data.channel, data.purpose)) && !renewing
        ? []
        : [{ type: 'ConsentGranted', data }];
    }
    case 'WithdrawConsent': {
      const { customerId: _, ...data } = command.data;
      return state.consents.has(consentKey(data.channel, data.purpose))
        ? [{ type: 'ConsentWithdrawn', data }]
        : [];
    }
    case 'SetContactPreferences': {
      const { customerId: _, ...data } = command.data;
      return [{ type: 'ContactPreferencesSet', data }];
    }
    case 'RecordTouchpoint':
      return decideTouchpoint(command.data, state);
    case 'AbsorbCustomer':
    case 'MarkMergedInto':
    case 'ReleaseCustomer':
      return decideIdentityStep(command, state);
    default: {
      const unknown: never = command;
      throw illegalState(`unknown customer command ${(unknown as { type: string }).type}`);
    }
  }
};

/**
 * Decides what a customer command records, enforcing the customer rules. Pure. Without a `context` (which
 * `handleCommand` always gives) the rule that needs the event time, no refund before its order, is not checked.
 */
export const decideCustomer = (
  command: CustomerCommand,
  state: CustomerState,
  context?: DecisionContext,
): TouchpointEvent[] => {
  const type = (command as { readonly type?: unknown } | null)?.type;
  if (typeof type === 'string' && identityStepTypes.has(type)) throw identityStepRefused(type);
  return decideCustomerOrStep(command, state, context);
};
