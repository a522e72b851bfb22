import type { TouchpointData } from '@rapport/core';
import { ownValue, setOwn } from '@rapport/core';
import { addCounts, addOptional, bump, type Counts } from '../internal/counts';
import { draftOf } from '../internal/mutable';
import { insertTime, maxTime, mergeTimes, minTime } from '../internal/order';

type Purchase = TouchpointData<'PurchaseCompleted'>;
type Refund = TouchpointData<'OrderRefunded'>;

/** A payment method (`card`, `paypal`, …). */
export type PaymentMethod = Purchase['paymentMethod'];

/** Money in one currency, in integer minor units: orders placed, what they totalled, what was refunded. */
export interface CurrencyTotals {
  readonly orders: number;
  /** Sum of order totals (gross of refunds). */
  readonly gross: number;
  /** Sum of refunds and returns; net spend is `gross - refunded`. */
  readonly refunded?: number;
}

/** What the customer bought. Times are epoch ms. */
export interface CommerceSection {
  /** Purchases in every currency. */
  readonly orders: number;
  readonly spent: Readonly<Record<string, CurrencyTotals>>;
  readonly firstPurchaseAt?: number;
  readonly lastPurchaseAt?: number;
  /** The most recent purchase times, newest first (as many as the lifecycle rules need). */
  readonly recentPurchases?: readonly number[];
  /** Units bought per product category (at most `categoryLimit` categories, the smallest dropped first). */
  readonly categories?: Counts;
  /** Orders per payment method. */
  readonly paymentMethods?: Counts<PaymentMethod>;
  /** Refund events of any kind, and how many of them were returns of goods. */
  readonly refunds?: number;
  readonly returns?: number;
}

/** Caps a category map at `limit` entries, dropping the smallest count (ties: the last name) — deterministic. */
const capCategories = (categories: Record<string, number>, limit: number): Record<string, number> => {
  let size = Object.keys(categories).length;
  while (size > limit) {
    let drop: string | undefined;
    for (const [name, count] of Object.entries(categories)) {
      const least = drop === undefined ? undefined : categories[drop]!;
      if (least === undefined || count < least || (count === least && name > drop!)) drop = name;
    }
    delete categories[drop!];
    size -= 1;
  }
  return categories;
};

const addCategories = (
  current: Counts | undefined,
  lines: Purchase['lines'],
  limit: number,
): Counts | undefined => {
  let out: Record<string, number> | undefined;
  let added = false;
  for (const line of lines) {
    const { category } = line;
    if (category === undefined) continue;
    out ??= { ...(current as Record<string, number> | undefined) };
    const prior = ownValue(out, category);
    if (prior === undefined) added = true;
    setOwn(out, category, (prior ?? 0) + line.quantity);
  }
  if (out === undefined) return current;
  return added ? capCategories(out, limit) : out;
};

const empty: CommerceSection = { orders: 0, spent: {} };

/** Folds a purchase at time `at`. */
export const addPurchase = (
  section: CommerceSection | undefined,
  purchase: Purchase,
  at: number,
  limits: { readonly recentPurchases: number; readonly categoryLimit: number },
): CommerceSection => {
  const next = draftOf(section ?? empty);
  const { currency, total } = purchase;
  const totals = ownValue(next.spent, currency);
  const spent = draftOf(next.spent);
  setOwn(
    spent,
    currency,
    totals === undefined
      ? { orders: 1, gross: total }
      : totals.refunded === undefined
        ? { orders: totals.orders + 1, gross: totals.gross + total }
        : { orders: totals.orders + 1, gross: totals.gross + total, refunded: totals.refunded },
  );
  next.orders += 1;
  next.spent = spent;
  if (next.firstPurchaseAt === undefined || at < next.firstPurchaseAt) next.firstPurchaseAt = at;
  if (next.lastPurchaseAt === undefined || at > next.lastPurchaseAt) next.lastPurchaseAt = at;
  next.recentPurchases = insertTime(next.recentPurchases, at, limits.recentPurchases);
  if (purchase.lines.length > 0) {
    const categories = addCategories(next.categories, purchase.lines, limits.categoryLimit);
    if (categories !== undefined) next.categories = categories;
  }
  next.paymentMethods = bump(next.paymentMethods, purchase.paymentMethod);
  return next;
};

/** Folds a refund or return. */
export const addRefund = (section: CommerceSection | undefined, refund: Refund): CommerceSection => {
  const current = section ?? empty;
  const totals = ownValue(current.spent, refund.currency) ?? { orders: 0, gross: 0 };
  return {
    ...current,
    spent: {
      ...current.spent,
      [refund.currency]: { ...totals, refunded: (totals.refunded ?? 0) + refund.amount },
    },
    refunds: (current.refunds ?? 0) + 1,
    ...(refund.kind === 'return' && { returns: (current.returns ?? 0) + 1 }),
  };
};

const addTotals = (a: CurrencyTotals | undefined, b: CurrencyTotals): CurrencyTotals => {
  if (a === undefined) return b;
  const refunded = addOptional(a.refunded, b.refunded);
  return {
    orders: a.orders + b.orders,
    gross: a.gross + b.gross,
    ...(refunded !== undefined && { refunded }),
  };
};

/** Adds two commerce sections: counts and money add up, first/last are min/max, recent lists merge. */
export const mergeCommerce = (
  a: CommerceSection | undefined,
  b: CommerceSection | undefined,
  limits: { readonly recentPurchases: number; readonly categoryLimit: number },
): CommerceSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const spent: Record<string, CurrencyTotals> = { ...a.spent };
  for (const [currency, totals] of Object.entries(b.spent))
    setOwn(spent, currency, addTotals(ownValue(spent, currency), totals));
  const first = minTime(a.firstPurchaseAt, b.firstPurchaseAt);
  const last = maxTime(a.lastPurchaseAt, b.lastPurchaseAt);
  const recent = mergeTimes(a.recentPurchases, b.recentPurchases, limits.recentPurchases);
  const categories = addCounts(a.categories, b.categories);
  const methods = addCounts(a.paymentMethods, b.paymentMethods);
  const refunds = addOptional(a.refunds, b.refunds);
  const returns = addOptional(a.returns, b.returns);
  return {
    orders: a.orders + b.orders,
    spent,
    ...(first !== undefined && { firstPurchaseAt: first }),
    ...(last !== undefined && { lastPurchaseAt: last }),
    ...(recent && { recentPurchases: recent }),
    ...(categories && {
      categories: capCategories({ ...(categories as Record<string, number>) }, limits.categoryLimit),
    }),
    ...(methods && { paymentMethods: methods }),
    ...(refunds !== undefined && { refunds }),
    ...(returns !== undefined && { returns }),
  };
};
