/** One lot: the points of one earning (or credit), pending until `availableAt`, expiring at `expiresAt`. */
export interface Lot {
  readonly earningId: string;
  readonly points: number;
  /** What is left: not yet redeemed, expired, reversed or used to pay debt. */
  readonly remaining: number;
  /** Epoch milliseconds. */
  readonly availableAt: number;
  /** Epoch milliseconds; undefined when the lot never expires. */
  readonly expiresAt?: number;
  /** Points this lot lost to recorded expiry. */
  readonly expired: number;
  /** Points reversed against this lot so far (whether they came from the lot or as a shortfall). */
  readonly reversed: number;
}

/** A part of a movement taken from one lot. */
export interface LotShare {
  readonly earningId: string;
  readonly points: number;
}

/** True when the lot's expiry date has come at `at`. */
export const lapsed = (lot: Lot, at: number): boolean => lot.expiresAt !== undefined && lot.expiresAt <= at;

/** True when the lot's points can be spent at `at`: unlocked, not past expiry, something left. */
export const spendable = (lot: Lot, at: number): boolean =>
  lot.remaining > 0 && lot.availableAt <= at && !lapsed(lot, at);

/**
 * Oldest first: earliest `expiresAt` (a lot that never expires comes last), then earliest `availableAt`, then id.
 * Spending what expires soonest first is what loses the member the fewest points; the rest only makes it total.
 */
export const oldestFirst = (a: Lot, b: Lot): number =>
  (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY) ||
  a.availableAt - b.availableAt ||
  (a.earningId < b.earningId ? -1 : a.earningId > b.earningId ? 1 : 0);

/** Takes `points` from `lots` oldest first, as shares; takes less when they hold less. */
export const takeOldestFirst = (lots: readonly Lot[], points: number): LotShare[] => {
  const shares: LotShare[] = [];
  let left = points;
  for (const lot of [...lots].sort(oldestFirst)) {
    if (left === 0) break;
    const taken = Math.min(left, lot.remaining);
    if (taken > 0) shares.push({ earningId: lot.earningId, points: taken });
    left -= taken;
  }
  return shares;
};

/** The lots after taking the shares from them; `field` also counts the points under that name. */
export const applyShares = (
  lots: ReadonlyMap<string, Lot>,
  shares: readonly LotShare[],
  field?: 'expired',
): ReadonlyMap<string, Lot> => {
  const next = new Map(lots);
  for (const share of shares) {
    const lot = next.get(share.earningId);
    if (lot === undefined) continue;
    next.set(share.earningId, {
      ...lot,
      remaining: lot.remaining - share.points,
      ...(field === 'expired' ? { expired: lot.expired + share.points } : {}),
    });
  }
  return next;
};
