import type { TouchpointData } from '@rapport/core';
import { ownValue, setOwn } from '@rapport/core';
import { beats } from '../internal/order';
import { dayMs, endOfDay, nextMidnight, startOfDay } from '../internal/time';

type Terms = TouchpointData<'CreditTermsAgreed'>;

/** An invoice not yet paid in full. `amount` and `dueDate` are absent while only payments for it have been seen. */
export interface OpenInvoice {
  readonly currency: string;
  readonly amount?: number;
  readonly paid?: number;
  /** Calendar day `YYYY-MM-DD`; the invoice is overdue from 00:00 UTC of the next day. */
  readonly dueDate?: string;
}

/** Overdue money as of the profile's `asOf`. */
export interface Overdue {
  /** Overdue balance per currency, minor units. */
  readonly amounts: Readonly<Record<string, number>>;
  /** Whole days past the oldest overdue due date (1 on the first overdue day). */
  readonly days: number;
}

/** Credit terms, open invoices, the outstanding balance and what is overdue. */
export interface CreditSection {
  readonly terms?: Terms & { readonly at: number };
  readonly invoices?: Readonly<Record<string, OpenInvoice>>;
  /** Unpaid balance of open invoices per currency, minor units. */
  readonly outstanding?: Readonly<Record<string, number>>;
  readonly overdue?: Overdue;
  /** Invoices issued and invoices paid in full, over the customer's life. */
  readonly issued?: number;
  readonly settled?: number;
}

const settledInvoice = (invoice: OpenInvoice): boolean =>
  invoice.amount !== undefined && (invoice.paid ?? 0) >= invoice.amount;

/** Recomputes outstanding and overdue balances as of `asOf` (open invoices are few, so this is cheap). */
export const balanceCredit = (section: CreditSection, asOf: number): CreditSection => {
  const { outstanding: _o, overdue: _d, ...rest } = section;
  let outstanding: Record<string, number> | undefined;
  let amounts: Record<string, number> | undefined;
  let oldestDue: number | undefined;
  for (const invoice of Object.values(section.invoices ?? {})) {
    if (invoice.amount === undefined) continue;
    const open = invoice.amount - (invoice.paid ?? 0);
    outstanding ??= {};
    setOwn(outstanding, invoice.currency, (ownValue(outstanding, invoice.currency) ?? 0) + open);
    if (invoice.dueDate === undefined || endOfDay(invoice.dueDate) > asOf) continue;
    amounts ??= {};
    setOwn(amounts, invoice.currency, (ownValue(amounts, invoice.currency) ?? 0) + open);
    const due = startOfDay(invoice.dueDate);
    if (oldestDue === undefined || due < oldestDue) oldestDue = due;
  }
  return {
    ...rest,
    ...(outstanding && { outstanding }),
    ...(amounts && { overdue: { amounts, days: Math.floor((asOf - oldestDue!) / dayMs) } }),
  };
};

/**
 * When the credit section next changes with time alone: the next due date to pass, or, while something is
 * overdue, the next midnight (days overdue grow by one). Undefined when nothing is open.
 */
// #region overdue
export const nextCreditChange = (section: CreditSection | undefined, asOf: number): number | undefined => {
  if (section?.overdue !== undefined) return nextMidnight(asOf);
  let next: number | undefined;
  for (const invoice of Object.values(section?.invoices ?? {})) {
    if (invoice.amount === undefined || invoice.dueDate === undefined) continue;
    const overdueFrom = endOfDay(invoice.dueDate);
    if (overdueFrom > asOf && (next === undefined || overdueFrom < next)) next = overdueFrom;
  }
  return next;
};
// #endregion overdue

const putInvoice = (
  section: CreditSection | undefined,
  invoiceId: string,
  invoice: OpenInvoice,
  settled: number,
) => {
  const invoices = { ...section?.invoices };
  if (settledInvoice(invoice)) delete invoices[invoiceId];
  else setOwn(invoices, invoiceId, invoice);
  const { invoices: _old, ...rest } = section ?? {};
  return {
    ...rest,
    ...(Object.keys(invoices).length > 0 && { invoices }),
    ...(settled > 0 && { settled }),
  };
};

/** Agrees (or changes) the credit terms; the later agreement wins. */
export const agreeTerms = (section: CreditSection | undefined, terms: Terms, at: number): CreditSection => {
  const current = section?.terms;
  if (current !== undefined && !beats(at, terms, current.at, withoutAt(current))) return section!;
  return { ...section, terms: { ...terms, at } };
};

/** Opens an invoice (or completes one whose payments arrived first). */
export const issueInvoice = (
  section: CreditSection | undefined,
  { invoiceId, amount, currency, dueDate }: TouchpointData<'InvoiceIssued'>,
): CreditSection => {
  const prior = ownValue(section?.invoices, invoiceId);
  const invoice: OpenInvoice = {
    currency,
    amount,
    dueDate,
    ...(prior?.paid !== undefined && { paid: prior.paid }),
  };
  const settled = (section?.settled ?? 0) + (settledInvoice(invoice) ? 1 : 0);
  return { ...putInvoice(section, invoiceId, invoice, settled), issued: (section?.issued ?? 0) + 1 };
};

/** Applies a payment to its invoice; an invoice paid in full leaves the open list. */
export const receivePayment = (
  section: CreditSection | undefined,
  { invoiceId, amount, currency }: TouchpointData<'PaymentReceived'>,
): CreditSection => {
  const prior = ownValue(section?.invoices, invoiceId);
  const invoice: OpenInvoice = { currency, ...prior, paid: (prior?.paid ?? 0) + amount };
  const settled = (section?.settled ?? 0) + (settledInvoice(invoice) ? 1 : 0);
  return putInvoice(section, invoiceId, invoice, settled);
};

/** Merges two credit sections: invoices combine by id (payments add up), the later terms win. */
export const mergeCredit = (
  a: CreditSection | undefined,
  b: CreditSection | undefined,
): CreditSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  let out: CreditSection = b.terms === undefined ? a : agreeTerms(a, withoutAt(b.terms), b.terms.at);
  for (const [invoiceId, invoice] of Object.entries(b.invoices ?? {})) {
    const prior = ownValue(out.invoices, invoiceId);
    const paid = (prior?.paid ?? 0) + (invoice.paid ?? 0);
    const merged: OpenInvoice = { ...prior, ...invoice, ...(paid > 0 && { paid }) };
    out = putInvoice(out, invoiceId, merged, (out.settled ?? 0) + (settledInvoice(merged) ? 1 : 0));
  }
  const issued = (a.issued ?? 0) + (b.issued ?? 0);
  const settled = (out.settled ?? 0) + (b.settled ?? 0);
  return { ...out, ...(issued > 0 && { issued }), ...(settled > 0 && { settled }) };
};

const withoutAt = ({ at: _at, ...terms }: Terms & { readonly at: number }): Terms => terms;
