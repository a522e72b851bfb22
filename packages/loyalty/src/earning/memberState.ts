import { deterministicId } from '@rapport/core';

/** What the earning reactor remembers of one order: enough to reverse its points in proportion to each refund. */
export interface OrderRecord {
  /** When it was placed, epoch ms. */
  readonly at: number;
  /** Net spend in minor units, 0 when the order was in another currency than the program's. */
  readonly net: number;
  /** Points from spend it earned (bonuses excluded): what refunds reverse. */
  readonly spendPoints: number;
  /** The lot its points went to; absent when it earned nothing. */
  readonly earningId?: string;
  /** Minor units refunded so far. */
  readonly refunded: number;
  /** Refund ids already counted, so a repeated refund event reverses nothing twice. */
  readonly refunds: readonly string[];
}

/** One lot as the reactor expects the account to hold it: `[remaining, availableAt, expiresAt or 0]`, epoch ms. */
export type LotMirror = readonly [remaining: number, availableAt: number, expiresAt: number];

/** A change to what a tier is measured on: `[at, spend in minor units, points]`, either may be negative. */
export type BasisEntry = readonly [at: number, spend: number, points: number];

/**
 * The earning reactor's document for one customer, a plain JSON record. It holds only what the reactor itself
 * decided or what customers and staff did (purchases, refunds, enrolment, redemptions, manual tiers), never what
 * its own commands recorded, so a what-if run with another program computes it the same way with no account.
 */
export interface MemberState {
  /** Enrolled in one of the reactor's programs (its id): only then does the customer earn. */
  readonly programId?: string;
  readonly policy: 'allow_negative' | 'debt';
  /** Purchases seen, enrolled or not: the first earns the `first_purchase` bonus. */
  readonly purchases: number;
  /** Orders by id (own keys only, see `ownValue`). */
  readonly orders: Readonly<Record<string, OrderRecord>>;
  /** The tier the account holds once the reactor's commands are executed; absent before any. */
  readonly tier?: string;
  /** A tier staff set, and whether it still counts (a one-off stops counting at the next review). */
  readonly manualTier?: string;
  readonly lastTierChangeAt: number;
  /** The next review, where a downgrade may happen; 0 while the program has no tiers. */
  readonly requalifyAt: number;
  /** What the tier basis is summed from, oldest first, pruned to what a window can still reach. */
  readonly basis: readonly BasisEntry[];
  /** Spend points per UTC period for caps: `[dayStart, monthStart, yearStart, day, month, year]`. */
  readonly periods: readonly [number, number, number, number, number, number];
  /** The account's lots as the reactor's own commands and the recorded redemptions leave them. */
  readonly lots: Readonly<Record<string, LotMirror>>;
  readonly debt: number;
  readonly overdrawn: number;
  /** `MM-DD` of the customer's birthday while known (dropped when they are forgotten). */
  readonly birthday?: string;
}

/** A customer the reactor has seen nothing of. */
export const initialMember = (): MemberState => ({
  policy: 'debt',
  purchases: 0,
  orders: {},
  lastTierChangeAt: 0,
  requalifyAt: 0,
  basis: [],
  periods: [0, 0, 0, 0, 0, 0],
  lots: {},
  debt: 0,
  overdrawn: 0,
});

const MAX_ID = 128;

/**
 * The earning (lot) id for a source of points, `kind:id`, stable across replays and programs, so the same purchase
 * makes the same lot under any program and a refund finds it; an id too long for that is hashed.
 */
export const earningIdOf = (kind: 'order' | 'bonus', ...parts: readonly string[]): string => {
  const id = `${kind}:${parts.join(':')}`;
  return id.length <= MAX_ID ? id : `${kind}:${deterministicId(kind, ...parts)}`;
};
