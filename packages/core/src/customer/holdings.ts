import type { z } from 'zod';
import type { transferredSchema } from '../catalog/identity';
import { PersistentMap } from '../internal/persistentMap';

/** What a merge hands over or an unmerge gives back (the `transferred` and `returned` data of the identity events). */
export type Transferred = z.output<typeof transferredSchema>;

/** One order as a merge or an unmerge lists it. */
type ListedOrder = Transferred['orders'][number];

/** The ids a merge brought in from one absorbed record, kept so that an unmerge can give exactly those back. */
export interface AbsorbedHoldings {
  readonly orders: readonly string[];
  readonly invoices: readonly string[];
  readonly tickets: readonly string[];
  readonly complaints: readonly string[];
}

/** How much of one SKU an order bought, and how much of it returns have brought back. */
export interface SkuBalance {
  readonly sku: string;
  readonly bought: number;
  readonly returned: number;
}

/** What is left to refund on one order, and to return of each SKU on it. */
export interface OrderBalance {
  readonly total: number;
  readonly refunded: number;
  readonly currency: string;
  /**
   * When the order happened (its event time). Absent when the order was folded without its metadata, or came in
   * through a merge recorded before merges carried it: refunds are then not checked against it.
   */
  readonly orderedAt?: string;
  /**
   * Each SKU on the order's lines, once, in the order it first appears. Absent for an order that came in through a
   * merge recorded before merges carried it: returns are then not checked against it.
   */
  readonly skus?: readonly SkuBalance[];
}

/** What is left to pay on one invoice. */
export interface InvoiceBalance {
  readonly amount: number;
  readonly paid: number;
  readonly currency: string;
}

/** The parts of the customer state that move between records on a merge and an unmerge. */
export interface Balances {
  readonly orders: PersistentMap<OrderBalance>;
  readonly invoices: PersistentMap<InvoiceBalance>;
  /** The open (unpaid) balance of all `invoices`. */
  readonly outstanding: number;
  readonly openTickets: PersistentMap<true>;
  readonly openComplaints: PersistentMap<true>;
}

const union = (a: readonly string[] | undefined, b: readonly string[]): readonly string[] =>
  a === undefined ? [...b] : [...new Set([...a, ...b])];

/** The ids a merge's `transferred` brings in, added to what an earlier merge of the same record brought. */
export const holdingsOf = (transferred: Transferred, prior?: AbsorbedHoldings): AbsorbedHoldings => ({
  orders: union(
    prior?.orders,
    transferred.orders.map((order) => order.orderId),
  ),
  invoices: union(
    prior?.invoices,
    transferred.invoices.map((invoice) => invoice.invoiceId),
  ),
  tickets: union(prior?.tickets, transferred.openTickets ?? []),
  complaints: union(prior?.complaints, transferred.openComplaints ?? []),
});

// #region returned
/**
 * What an unmerge gives back: every order and invoice the merge brought in, with its balance as it is now (refunds,
 * returns and payments recorded on the survivor since count), and those of its tickets and complaints still open.
 */
export const returnedBalances = (holdings: AbsorbedHoldings, state: Balances): Transferred => ({
  orders: holdings.orders.flatMap((orderId) => {
    const order = state.orders.get(orderId);
    return order ? [listedOrder(orderId, order)] : [];
  }),
  invoices: holdings.invoices.flatMap((invoiceId) => {
    const invoice = state.invoices.get(invoiceId);
    return invoice ? [{ invoiceId, ...invoice }] : [];
  }),
  openTickets: holdings.tickets.filter((id) => state.openTickets.has(id)),
  openComplaints: holdings.complaints.filter((id) => state.openComplaints.has(id)),
});
// #endregion returned

/** An order of the state as `transferred` (or `returned`) lists it: with its date and SKUs when the state has them. */
export const listedOrder = (orderId: string, { skus, ...order }: OrderBalance): ListedOrder =>
  skus === undefined ? { orderId, ...order } : { orderId, ...order, skus: [...skus] };

/** A listed order as the state holds it; a field the listing lacks (a merge recorded before merges carried it) stays absent. */
const heldOrder = ({ orderId: _, orderedAt, skus, ...order }: ListedOrder): OrderBalance => ({
  ...order,
  ...(orderedAt === undefined ? {} : { orderedAt }),
  ...(skus === undefined ? {} : { skus }),
});

/** What is still to pay on an invoice (0 for none). */
export const openOf = (invoice: { readonly amount: number; readonly paid: number } | undefined): number =>
  invoice === undefined ? 0 : invoice.amount - invoice.paid;

/** No orders, invoices or open cases. */
export const noBalances = (): Balances => ({
  orders: PersistentMap.empty(),
  invoices: PersistentMap.empty(),
  outstanding: 0,
  openTickets: PersistentMap.empty(),
  openComplaints: PersistentMap.empty(),
});

/** `balances` with what `transferred` lists added (an order or invoice already held takes the listed balance). */
export const addBalances = (balances: Balances, transferred: Transferred): Balances => {
  let { orders, invoices, outstanding, openTickets, openComplaints } = balances;
  for (const order of transferred.orders) orders = orders.set(order.orderId, heldOrder(order));
  for (const { invoiceId, ...invoice } of transferred.invoices) {
    outstanding += openOf(invoice) - openOf(invoices.get(invoiceId));
    invoices = invoices.set(invoiceId, invoice);
  }
  for (const id of transferred.openTickets ?? []) openTickets = openTickets.set(id, true);
  for (const id of transferred.openComplaints ?? []) openComplaints = openComplaints.set(id, true);
  return { orders, invoices, outstanding, openTickets, openComplaints };
};

/** `balances` without the orders, invoices and cases of `held`. */
export const removeBalances = (balances: Balances, held: AbsorbedHoldings): Balances => {
  let { orders, invoices, outstanding, openTickets, openComplaints } = balances;
  for (const id of held.orders) orders = orders.delete(id);
  for (const id of held.invoices) {
    outstanding -= openOf(invoices.get(id));
    invoices = invoices.delete(id);
  }
  for (const id of held.tickets) openTickets = openTickets.delete(id);
  for (const id of held.complaints) openComplaints = openComplaints.delete(id);
  return { orders, invoices, outstanding, openTickets, openComplaints };
};

/** The balances a `returned` list describes, on their own. */
export const balancesOf = (returned: Transferred): Balances => addBalances(noBalances(), returned);
