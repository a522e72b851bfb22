import type { PersistentMap } from '@rapport/core';
import { insertLot, type LotOrder, lotsInOrder, oldestFirst, removeLot } from '../internal/lotOrder';

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

export { oldestFirst } from '../internal/lotOrder';

/** The lots of an account and the order of those with points left: what taking points from them needs. */
export interface LotBook {
  readonly lots: PersistentMap<Lot>;
  readonly open: LotOrder;
}

/** What a walk over the spendable lots took, and the spendable points it passed on its way. */
export interface Taken {
  readonly shares: LotShare[];
  /** Spendable points seen: at least `enough` when the walk stopped early, else all that are spendable. */
  readonly found: number;
}

/**
 * Takes `points` from the lots spendable at `at`, oldest first, as shares (less when they hold less), walking on
 * until it has seen `enough` spendable points: only the lots with points left are visited, and only up to there.
 */
export const takeSpendable = (book: LotBook, at: number, points: number, enough = points): Taken => {
  const shares: LotShare[] = [];
  let left = points;
  let found = 0;
  for (const key of lotsInOrder(book.open)) {
    if (found >= enough) break;
    const lot = book.lots.get(key.earningId)!;
    if (!spendable(lot, at)) continue;
    found += lot.remaining;
    const taken = Math.min(left, lot.remaining);
    if (taken > 0) shares.push({ earningId: lot.earningId, points: taken });
    left -= taken;
  }
  return { shares, found };
};

/** The remainders of the lots whose expiry date has come at `at`, oldest first, as shares. */
export const takeLapsed = (book: LotBook, at: number): LotShare[] => {
  const shares: LotShare[] = [];
  for (const key of lotsInOrder(book.open)) {
    if (key.expiresAt === undefined || key.expiresAt > at) break; // the rest expire later, or never
    const lot = book.lots.get(key.earningId)!;
    if (lot.remaining > 0) shares.push({ earningId: lot.earningId, points: lot.remaining });
  }
  return shares;
};

/** The book with `lot` in place of the lot of its id: in the order while it has points left (or owes some). */
export const putLot = (book: LotBook, lot: Lot, previous = book.lots.get(lot.earningId)): LotBook => {
  const lots = book.lots.set(lot.earningId, lot);
  const wasOpen = previous !== undefined && previous.remaining !== 0;
  const isOpen = lot.remaining !== 0;
  // the order holds only what sorts a lot, which a movement never changes: most movements leave it as it is
  if (wasOpen && isOpen && oldestFirst(previous, lot) === 0) return { lots, open: book.open };
  const open = wasOpen ? removeLot(book.open, previous) : book.open;
  return { lots, open: isOpen ? insertLot(open, lot) : open };
};

/** The book after taking the shares from its lots; `field` also counts the points under that name. */
export const applyShares = (book: LotBook, shares: readonly LotShare[], field?: 'expired'): LotBook => {
  let next = book;
  for (const share of shares) {
    const lot = next.lots.get(share.earningId);
    if (lot === undefined) continue;
    next = putLot(
      next,
      {
        ...lot,
        remaining: lot.remaining - share.points,
        ...(field === 'expired' ? { expired: lot.expired + share.points } : {}),
      },
      lot,
    );
  }
  return next;
};
