import type { TouchpointEvent } from '../catalog/index';
import { type AbsorbedHoldings, balancesOf, holdingsOf, withoutKeys } from './holdings';

/** Where a customer record stands. */
export type CustomerStatus = 'unregistered' | 'prospect' | 'customer' | 'merged' | 'forgotten';

/** What is left to refund on one order. */
export interface OrderBalance {
  readonly total: number;
  readonly refunded: number;
  readonly currency: string;
}

/** What is left to pay on one invoice. */
export interface InvoiceBalance {
  readonly amount: number;
  readonly paid: number;
  readonly currency: string;
}

/** The state the customer decider needs to enforce its rules; projections build the rich profile. */
export interface CustomerState {
  readonly status: CustomerStatus;
  readonly mergedInto?: string;
  readonly tags: Readonly<Record<string, true>>;
  /** Granted consents keyed `channel/purpose`. */
  readonly consents: Readonly<Record<string, true>>;
  readonly orders: Readonly<Record<string, OrderBalance>>;
  readonly refunds: Readonly<Record<string, true>>;
  readonly credit?: { readonly limit: number; readonly currency: string; readonly paymentDays: number };
  readonly invoices: Readonly<Record<string, InvoiceBalance>>;
  readonly openTickets: Readonly<Record<string, true>>;
  readonly openComplaints: Readonly<Record<string, true>>;
  /** For each record this one absorbed (and has not given back), the ids the merge brought in. */
  readonly absorbed: Readonly<Record<string, AbsorbedHoldings>>;
  /** While merged into another record: the status to return to if the merge is undone. */
  readonly statusBeforeMerge?: 'prospect' | 'customer';
}

/** A customer nobody has registered yet. */
export const initialCustomerState = (): CustomerState => ({
  status: 'unregistered',
  tags: {},
  consents: {},
  orders: {},
  refunds: {},
  invoices: {},
  openTickets: {},
  openComplaints: {},
  absorbed: {},
});

const without = <T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> => {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
};

/** The key of a consent in `CustomerState.consents`. */
export const consentKey = (channel: string, purpose: string): string => `${channel}/${purpose}`;

/** Total open (unpaid) invoice balance. */
export const outstandingCredit = (state: CustomerState): number =>
  Object.values(state.invoices).reduce((sum, invoice) => sum + invoice.amount - invoice.paid, 0);

/** Folds one event into the customer state. Unknown event types leave it unchanged. */
export const evolveCustomer = (state: CustomerState, event: TouchpointEvent): CustomerState => {
  switch (event.type) {
    case 'CustomerRegistered':
      return { ...state, status: event.data.kind };
    case 'ProspectConverted':
      return { ...state, status: 'customer' };
    case 'TagAdded':
      return { ...state, tags: { ...state.tags, [event.data.tag]: true } };
    case 'TagRemoved':
      return { ...state, tags: without(state.tags, event.data.tag) };
    case 'ConsentGranted':
      return {
        ...state,
        consents: { ...state.consents, [consentKey(event.data.channel, event.data.purpose)]: true },
      };
    case 'ConsentWithdrawn':
      return {
        ...state,
        consents: without(state.consents, consentKey(event.data.channel, event.data.purpose)),
      };
    case 'PurchaseCompleted': {
      const { orderId, total, currency } = event.data;
      return { ...state, orders: { ...state.orders, [orderId]: { total, refunded: 0, currency } } };
    }
    case 'OrderRefunded': {
      const order = state.orders[event.data.orderId];
      if (!order) return state;
      return {
        ...state,
        orders: {
          ...state.orders,
          [event.data.orderId]: { ...order, refunded: order.refunded + event.data.amount },
        },
        refunds: { ...state.refunds, [event.data.refundId]: true },
      };
    }
    case 'CreditTermsAgreed':
      return { ...state, credit: { ...event.data } };
    case 'InvoiceIssued': {
      const { invoiceId, amount, currency } = event.data;
      return { ...state, invoices: { ...state.invoices, [invoiceId]: { amount, paid: 0, currency } } };
    }
    case 'PaymentReceived': {
      const invoice = state.invoices[event.data.invoiceId];
      if (!invoice) return state;
      return {
        ...state,
        invoices: {
          ...state.invoices,
          [event.data.invoiceId]: { ...invoice, paid: invoice.paid + event.data.amount },
        },
      };
    }
    case 'TicketOpened':
      return { ...state, openTickets: { ...state.openTickets, [event.data.ticketId]: true } };
    case 'TicketResolved':
      return { ...state, openTickets: without(state.openTickets, event.data.ticketId) };
    case 'ComplaintFiled':
      return { ...state, openComplaints: { ...state.openComplaints, [event.data.complaintId]: true } };
    case 'ComplaintResolved':
      return { ...state, openComplaints: without(state.openComplaints, event.data.complaintId) };
    case 'CustomersMerged': {
      const { absorbedId, transferred } = event.data;
      const incoming = balancesOf(transferred);
      return {
        ...state,
        orders: { ...state.orders, ...incoming.orders },
        invoices: { ...state.invoices, ...incoming.invoices },
        openTickets: { ...state.openTickets, ...incoming.openTickets },
        openComplaints: { ...state.openComplaints, ...incoming.openComplaints },
        absorbed: { ...state.absorbed, [absorbedId]: holdingsOf(transferred, state.absorbed[absorbedId]) },
      };
    }
    case 'CustomersUnmerged': {
      const { absorbedId, returned } = event.data;
      const held = holdingsOf(returned, state.absorbed[absorbedId]);
      return {
        ...state,
        orders: withoutKeys(state.orders, held.orders),
        invoices: withoutKeys(state.invoices, held.invoices),
        openTickets: withoutKeys(state.openTickets, held.tickets),
        openComplaints: withoutKeys(state.openComplaints, held.complaints),
        absorbed: without(state.absorbed, absorbedId),
      };
    }
    case 'CustomerMergedInto': {
      const before = state.status === 'prospect' || state.status === 'customer' ? state.status : undefined;
      const statusBeforeMerge = before ?? state.statusBeforeMerge;
      return {
        ...state,
        status: 'merged',
        mergedInto: event.data.survivorId,
        ...(statusBeforeMerge === undefined ? {} : { statusBeforeMerge }),
      };
    }
    case 'CustomerRestored': {
      const { mergedInto: _m, statusBeforeMerge: _s, ...rest } = state;
      return {
        ...rest,
        ...balancesOf(event.data.returned),
        status: state.status === 'forgotten' ? 'forgotten' : event.data.status,
      };
    }
    case 'CustomerForgotten':
      return { ...state, status: 'forgotten' };
    default:
      return state;
  }
};
