import { occurredAtOf, PersistentMap, type TouchpointEvent } from '@rapport/core';
import type { LotOrder } from '../internal/lotOrder';
import { applyShares, type Lot, type LotBook, putLot, takeSpendable } from './lots';

/** A redemption, refund or adjustment already recorded, kept to recognise its repeat. */
export type Recorded = string;

/**
 * The state of one loyalty account: its lots and what has moved, as the decider needs it. `balances(state, at)`
 * reads it at a time: which lots are pending, available or past expiry is a function of that time, not of events.
 */
export interface AccountState {
  readonly status: 'unenrolled' | 'enrolled';
  readonly programId: string;
  readonly programVersion: number;
  readonly policy: 'allow_negative' | 'debt';
  readonly tier?: string;
  /** Every lot, by earning (or adjustment) id. */
  readonly lots: PersistentMap<Lot>;
  /**
   * The lots with points left (or owing some), oldest first: what a redemption, a debit or an expiry sweep walks,
   * so none of them visits the lots already spent.
   */
  readonly open: LotOrder;
  /** Each recorded redemption, refund, earning and adjustment id, with a key of its data to judge a repeat. */
  readonly seen: PersistentMap<Recorded>;
  readonly lifetimeEarned: number;
  readonly redeemed: number;
  /** Recorded expiry (lots past their date but not yet expired by an event are not in it). */
  readonly expired: number;
  readonly reversed: number;
  /** Net manual adjustments, signed. */
  readonly adjusted: number;
  /** Points owed (policy `debt`), recovered from the next earnings. */
  readonly debt: number;
  /** Points overdrawn (policy `allow_negative`): subtracted from the available balance. */
  readonly overdrawn: number;
}

/** An account nobody has enrolled yet. */
export const initialAccountState = (): AccountState => ({
  status: 'unenrolled',
  programId: '',
  programVersion: 0,
  policy: 'debt',
  lots: PersistentMap.empty(),
  open: undefined,
  seen: PersistentMap.empty(),
  lifetimeEarned: 0,
  redeemed: 0,
  expired: 0,
  reversed: 0,
  adjusted: 0,
  debt: 0,
  overdrawn: 0,
});

/** The key under which a movement's id is remembered: ids of different kinds never collide. */
export const seenKey = (kind: 'earning' | 'redemption' | 'refund' | 'adjustment', id: string) =>
  `${kind}:${id}`;

const ms = (iso: string) => Date.parse(iso);

const newLot = (
  earningId: string,
  remaining: number,
  points: number,
  availableAt: number,
  expiresAt?: string,
): Lot => ({
  earningId,
  points,
  remaining,
  availableAt,
  ...(expiresAt === undefined ? {} : { expiresAt: ms(expiresAt) }),
  expired: 0,
  reversed: 0,
});

const book = (state: AccountState): LotBook => ({ lots: state.lots, open: state.open });

/** Folds one event into the account. Unknown event types leave it unchanged. */
export const evolveAccount = (state: AccountState, event: TouchpointEvent): AccountState => {
  switch (event.type) {
    case 'LoyaltyEnrolled': {
      const { programId, programVersion, negativeBalancePolicy, tier } = event.data;
      return {
        ...state,
        status: 'enrolled',
        programId,
        programVersion,
        policy: negativeBalancePolicy,
        ...(tier === undefined ? {} : { tier }),
      };
    }
    case 'PointsEarned': {
      const d = event.data;
      return {
        ...state,
        ...putLot(
          book(state),
          newLot(d.earningId, d.points - d.debtRecovered, d.points, ms(d.availableAt), d.expiresAt),
        ),
        seen: state.seen.set(seenKey('earning', d.earningId), earningKey(d)),
        lifetimeEarned: state.lifetimeEarned + d.points,
        debt: state.debt - d.debtRecovered,
      };
    }
    case 'PointsRedeemed': {
      const d = event.data;
      // a v1 redemption did not say which lots it took: take them as a v2 decision would have, at its time
      const at = ms(occurredAtOf(event) ?? '') || Number.POSITIVE_INFINITY;
      const shares = d.lots.length > 0 ? d.lots : takeSpendable(book(state), at, d.points).shares;
      return {
        ...state,
        ...applyShares(book(state), shares),
        seen: state.seen.set(seenKey('redemption', d.redemptionId), redemptionKey(d)),
        redeemed: state.redeemed + d.points,
      };
    }
    case 'PointsExpired':
      return {
        ...state,
        ...applyShares(book(state), event.data.lots, 'expired'),
        expired: state.expired + event.data.points,
      };
    case 'PointsReversed': {
      const d = event.data;
      const lot = d.earningId === undefined ? undefined : state.lots.get(d.earningId);
      return {
        ...state,
        ...(lot === undefined
          ? {}
          : putLot(
              book(state),
              { ...lot, remaining: lot.remaining - d.fromLot, reversed: lot.reversed + d.points },
              lot,
            )),
        seen: state.seen.set(seenKey('refund', d.refundId), refundKey(d)),
        reversed: state.reversed + d.points,
        debt: state.debt + (d.shortfallAs === 'debt' ? d.shortfall : 0),
        overdrawn: state.overdrawn + (d.shortfallAs === 'allow_negative' ? d.shortfall : 0),
      };
    }
    case 'PointsAdjusted': {
      const d = event.data;
      const at = ms(occurredAtOf(event) ?? '') || 0;
      return {
        ...state,
        ...(d.points > 0
          ? putLot(book(state), newLot(d.adjustmentId, d.points, d.points, at, d.expiresAt))
          : applyShares(book(state), d.lots)),
        seen: state.seen.set(seenKey('adjustment', d.adjustmentId), adjustmentKey(d)),
        adjusted: state.adjusted + d.points,
      };
    }
    case 'TierChanged':
      return { ...state, tier: event.data.to };
    default:
      return state;
  }
};

/** What makes two redemptions with one id the same redemption. */
export const redemptionKey = (d: { points: number; reward: string; orderId?: string | undefined }) =>
  JSON.stringify([d.points, d.reward, d.orderId ?? null]);
/** What makes two reversals with one refund id the same reversal. */
export const refundKey = (d: { points: number; earningId?: string | undefined }) =>
  JSON.stringify([d.points, d.earningId ?? null]);
/** What makes two adjustments with one id the same adjustment. */
export const adjustmentKey = (d: { points: number; adjustedBy: string }) =>
  JSON.stringify([d.points, d.adjustedBy]);
/** What makes two earnings with one id the same earning. */
export const earningKey = (d: {
  points: number;
  rule: string;
  availableAt: string;
  expiresAt?: string | undefined;
}) =>
  JSON.stringify([d.points, d.rule, ms(d.availableAt), d.expiresAt === undefined ? null : ms(d.expiresAt)]);
