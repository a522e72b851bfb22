import type { z } from 'zod';
import type { transferredSchema } from '../catalog/identity';
import { PersistentMap } from '../internal/persistentMap';

/** What a merge hands over or an unmerge gives back (the `transferred` and `returned` data of the identity events). */
export type Transferred = z.output<typeof transferredSchema>;

/** The ids a merge brought in from one absorbed record, kept so that an unmerge can give exactly those back. */
export interface AbsorbedHoldings {
  readonly orders: readonly string[];
  readonly invoices: readonly string[];
  readonly tickets: readonly string[];
  readonly complaints: readonly string[];
}

/** The parts of the customer state that move between records on a merge and an unmerge. */
export interface Balances {
  readonly orders: PersistentMap<{
    readonly total: number;
    readonly refunded: number;
    readonly currency: string;
  }>;
  readonly invoices: PersistentMap<{
    readonly amount: number;
    readonly paid: number;
    readonly currency: string;
  }>;
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
 * What an unmerge gives back: every order and invoice the merge brought in, with its balance as it is now (refunds
 * and payments recorded on the survivor since count), and those of its tickets and complaints that are still open.
 */
export const returnedBalances = (holdings: AbsorbedHoldings, state: Balances): Transferred => ({
  orders: holdings.orders.flatMap((orderId) => {
    const order = state.orders.get(orderId);
    return order ? [{ orderId, ...order }] : [];
  }),
  invoices: holdings.invoices.flatMap((invoiceId) => {
    const invoice = state.invoices.get(invoiceId);
    return invoice ? [{ invoiceId, ...invoice }] : [];
  }),
  openTickets: holdings.tickets.filter((id) => state.openTickets.has(id)),
  openComplaints: holdings.complaints.filter((id) => state.openComplaints.has(id)),
});
// #endregion returned

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
  for (const { orderId, ...order } of transferred.orders) orders = orders.set(orderId, order);
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
