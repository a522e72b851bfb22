import type { TouchpointEvent } from '../catalog/index';
import { occurredAtOf } from '../decider/decider';
import { PersistentMap } from '../internal/persistentMap';
import {
  type AbsorbedHoldings,
  addBalances,
  balancesOf,
  holdingsOf,
  type InvoiceBalance,
  noBalances,
  type OrderBalance,
  openOf,
  removeBalances,
} from './holdings';
import { afterReturn, boughtSkus } from './skuBalances';

export type { InvoiceBalance, OrderBalance, SkuBalance } from './holdings';

/** Where a customer record stands. */
export type CustomerStatus = 'unregistered' | 'prospect' | 'customer' | 'merged' | 'forgotten';

/**
 * The state the customer decider needs to enforce its rules; projections build the rich profile. What grows with the
 * customer's history (orders, refunds, invoices, open cases, absorbed records) is held in `PersistentMap`s, so
 * folding one more event costs O(log n) however long the history. Tags and consents are maps too: their keys are
 * user data, and a map holds `constructor` or `__proto__` like any other key, where a plain record reads what
 * `Object.prototype` has under that name. `customerStateToJSON` gives the state as plain data.
 */
export interface CustomerState {
  readonly status: CustomerStatus;
  readonly mergedInto?: string;
  /** The record's tags. */
  readonly tags: PersistentMap<true>;
  /** Granted consents keyed `channel/purpose`. */
  readonly consents: PersistentMap<true>;
  /** Every order on the record, by order id. */
  readonly orders: PersistentMap<OrderBalance>;
  /** The refund ids recorded. */
  readonly refunds: PersistentMap<true>;
  readonly credit?: { readonly limit: number; readonly currency: string; readonly paymentDays: number };
  /** Every invoice on the record, by invoice id. */
  readonly invoices: PersistentMap<InvoiceBalance>;
  /** The open (unpaid) balance of all `invoices`, kept as they change so a credit check need not add them up. */
  readonly outstanding: number;
  /** The ids of open tickets. */
  readonly openTickets: PersistentMap<true>;
  /** The ids of open complaints. */
  readonly openComplaints: PersistentMap<true>;
  /** For each record this one absorbed (and has not given back), the ids the merge brought in. */
  readonly absorbed: PersistentMap<AbsorbedHoldings>;
  /** While merged into another record: the status to return to if the merge is undone. */
  readonly statusBeforeMerge?: 'prospect' | 'customer';
}

/** A customer nobody has registered yet. */
export const initialCustomerState = (): CustomerState => ({
  status: 'unregistered',
  tags: PersistentMap.empty(),
  consents: PersistentMap.empty(),
  ...noBalances(),
  refunds: PersistentMap.empty(),
  absorbed: PersistentMap.empty(),
});

/** The key of a consent in `CustomerState.consents`. */
export const consentKey = (channel: string, purpose: string): string => `${channel}/${purpose}`;

/** Total open (unpaid) invoice balance. */
export const outstandingCredit = (state: CustomerState): number => state.outstanding;

/** Folds one event into the customer state. Unknown event types leave it unchanged. */
export const evolveCustomer = (state: CustomerState, event: TouchpointEvent): CustomerState => {
  switch (event.type) {
    case 'CustomerRegistered':
      return { ...state, status: event.data.kind };
    case 'ProspectConverted':
      return { ...state, status: 'customer' };
    case 'TagAdded':
      return { ...state, tags: state.tags.set(event.data.tag, true) };
    case 'TagRemoved':
      return { ...state, tags: state.tags.delete(event.data.tag) };
    case 'ConsentGranted':
      return {
        ...state,
        consents: state.consents.set(consentKey(event.data.channel, event.data.purpose), true),
      };
    case 'ConsentWithdrawn':
      return {
        ...state,
        consents: state.consents.delete(consentKey(event.data.channel, event.data.purpose)),
      };
    case 'PurchaseCompleted': {
      const { orderId, total, currency, lines } = event.data;
      const orderedAt = occurredAtOf(event);
      const order: OrderBalance = {
        total,
        refunded: 0,
        currency,
        ...(orderedAt === undefined ? {} : { orderedAt }),
        skus: boughtSkus(lines),
      };
      return { ...state, orders: state.orders.set(orderId, order) };
    }
    case 'OrderRefunded': {
      const { orderId, refundId, kind, amount, lines } = event.data;
      const order = state.orders.get(orderId);
      if (!order) return state;
      const returning = kind === 'return' && lines !== undefined && order.skus !== undefined;
      return {
        ...state,
        orders: state.orders.set(orderId, {
          ...order,
          refunded: order.refunded + amount,
          ...(returning ? { skus: afterReturn(order.skus!, lines) } : {}),
        }),
        refunds: state.refunds.set(refundId, true),
      };
    }
    case 'CreditTermsAgreed':
      return { ...state, credit: { ...event.data } };
    case 'InvoiceIssued': {
      const { invoiceId, amount, currency } = event.data;
      return {
        ...state,
        invoices: state.invoices.set(invoiceId, { amount, paid: 0, currency }),
        outstanding: state.outstanding - openOf(state.invoices.get(invoiceId)) + amount,
      };
    }
    case 'PaymentReceived': {
      const invoice = state.invoices.get(event.data.invoiceId);
      if (!invoice) return state;
      return {
        ...state,
        invoices: state.invoices.set(event.data.invoiceId, {
          ...invoice,
          paid: invoice.paid + event.data.amount,
        }),
        outstanding: state.outstanding - event.data.amount,
      };
    }
    case 'TicketOpened':
      return { ...state, openTickets: state.openTickets.set(event.data.ticketId, true) };
    case 'TicketResolved':
      return { ...state, openTickets: state.openTickets.delete(event.data.ticketId) };
    case 'ComplaintFiled':
      return { ...state, openComplaints: state.openComplaints.set(event.data.complaintId, true) };
    case 'ComplaintResolved':
      return { ...state, openComplaints: state.openComplaints.delete(event.data.complaintId) };
    case 'CustomersMerged': {
      const { absorbedId, transferred } = event.data;
      return {
        ...state,
        ...addBalances(state, transferred),
        absorbed: state.absorbed.set(absorbedId, holdingsOf(transferred, state.absorbed.get(absorbedId))),
      };
    }
    case 'CustomersUnmerged': {
      const { absorbedId, returned } = event.data;
      const held = holdingsOf(returned, state.absorbed.get(absorbedId));
      return { ...state, ...removeBalances(state, held), absorbed: state.absorbed.delete(absorbedId) };
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
