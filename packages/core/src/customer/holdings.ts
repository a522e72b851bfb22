import type { z } from 'zod';
import type { transferredSchema } from '../catalog/identity';

/** What a merge hands over or an unmerge gives back (the `transferred` and `returned` data of the identity events). */
export type Transferred = z.output<typeof transferredSchema>;

/** The ids a merge brought in from one absorbed record, kept so that an unmerge can give exactly those back. */
export interface AbsorbedHoldings {
  readonly orders: readonly string[];
  readonly invoices: readonly string[];
  readonly tickets: readonly string[];
  readonly complaints: readonly string[];
}

/** The balances an unmerge reads: the parts of the customer state that move between records. */
export interface Balances {
  readonly orders: Readonly<
    Record<string, { readonly total: number; readonly refunded: number; readonly currency: string }>
  >;
  readonly invoices: Readonly<
    Record<string, { readonly amount: number; readonly paid: number; readonly currency: string }>
  >;
  readonly openTickets: Readonly<Record<string, true>>;
  readonly openComplaints: Readonly<Record<string, true>>;
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
    const order = state.orders[orderId];
    return order ? [{ orderId, ...order }] : [];
  }),
  invoices: holdings.invoices.flatMap((invoiceId) => {
    const invoice = state.invoices[invoiceId];
    return invoice ? [{ invoiceId, ...invoice }] : [];
  }),
  openTickets: holdings.tickets.filter((id) => state.openTickets[id]),
  openComplaints: holdings.complaints.filter((id) => state.openComplaints[id]),
});
// #endregion returned

/** The record without the given keys (the record itself when none is present). */
export const withoutKeys = <T>(
  record: Readonly<Record<string, T>>,
  keys: readonly string[],
): Readonly<Record<string, T>> => {
  if (!keys.some((key) => key in record)) return record;
  const out = { ...record };
  for (const key of keys) delete out[key];
  return out;
};

/** The balances a `returned` list describes, as state records. */
export const balancesOf = (returned: Transferred): Balances => {
  const orders: Record<string, { total: number; refunded: number; currency: string }> = {};
  for (const { orderId, ...balance } of returned.orders) orders[orderId] = balance;
  const invoices: Record<string, { amount: number; paid: number; currency: string }> = {};
  for (const { invoiceId, ...balance } of returned.invoices) invoices[invoiceId] = balance;
  const openTickets: Record<string, true> = {};
  for (const id of returned.openTickets ?? []) openTickets[id] = true;
  const openComplaints: Record<string, true> = {};
  for (const id of returned.openComplaints ?? []) openComplaints[id] = true;
  return { orders, invoices, openTickets, openComplaints };
};
