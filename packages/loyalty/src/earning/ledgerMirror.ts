import { ownValue, setOwn } from '@rapport/core';
import type { LotMirror, MemberState } from './memberState';

/**
 * The reactor's mirror of the account's lots, kept with the same rules `decideAccount` applies (debt recovered
 * from new earnings, reversals taken from the lot with the shortfall as debt or overdraft, lapsed lots expired
 * whole), so the reactor can measure an active balance and know when the next lot expires without reading the
 * account. Each function returns a new state.
 */

type Lots = Readonly<Record<string, LotMirror>>;

const withLot = (lots: Lots, id: string, lot: LotMirror): Lots => {
  const next = { ...lots };
  setOwn(next, id, lot);
  return next;
};

/** A new lot of `points`, less the debt it pays, as `EarnPoints` records it. */
export const mirrorEarn = (
  state: MemberState,
  id: string,
  points: number,
  availableAt: number,
  expiresAt: number | undefined,
): MemberState => {
  const recovered = Math.min(state.debt, points);
  return {
    ...state,
    debt: state.debt - recovered,
    lots: withLot(state.lots, id, [points - recovered, availableAt, expiresAt ?? 0]),
  };
};

/** A credit by staff: a lot of its own, available at once. */
export const mirrorCredit = (
  state: MemberState,
  id: string,
  points: number,
  at: number,
  expiresAt: number | undefined,
): MemberState => ({ ...state, lots: withLot(state.lots, id, [points, at, expiresAt ?? 0]) });

/** Takes recorded shares (a redemption's, a debit's) from their lots. */
export const mirrorTake = (
  state: MemberState,
  shares: readonly { readonly earningId: string; readonly points: number }[],
): MemberState => {
  if (shares.length === 0) return state;
  const lots = { ...state.lots };
  for (const share of shares) {
    const lot = ownValue(lots, share.earningId);
    if (lot !== undefined) setOwn(lots, share.earningId, [lot[0] - share.points, lot[1], lot[2]]);
  }
  return { ...state, lots };
};

/** A reversal of `points` against lot `id`: what the lot still holds, the rest as debt or overdraft. */
export const mirrorReverse = (state: MemberState, id: string, points: number): MemberState => {
  const lot = ownValue(state.lots, id);
  const fromLot = Math.min(points, lot?.[0] ?? 0);
  const shortfall = points - fromLot;
  return {
    ...state,
    lots: lot === undefined ? state.lots : withLot(state.lots, id, [lot[0] - fromLot, lot[1], lot[2]]),
    debt: state.debt + (state.policy === 'debt' ? shortfall : 0),
    overdrawn: state.overdrawn + (state.policy === 'allow_negative' ? shortfall : 0),
  };
};

const lapsed = (lot: LotMirror, at: number) => lot[2] !== 0 && lot[2] <= at;

/** Expires every lot whose date has come at `at`, as `ExpirePoints` at that time does. */
export const mirrorExpire = (state: MemberState, at: number): MemberState => {
  let lots: Record<string, LotMirror> | undefined;
  for (const [id, lot] of Object.entries(state.lots)) {
    if (lot[0] <= 0 || !lapsed(lot, at)) continue;
    lots ??= { ...state.lots };
    setOwn<LotMirror>(lots, id, [0, lot[1], lot[2]]);
  }
  return lots === undefined ? state : { ...state, lots };
};

/** Spendable at `at`: unlocked, unexpired remainders, less what is overdrawn. */
export const mirrorAvailable = (state: MemberState, at: number): number => {
  let available = 0;
  for (const lot of Object.values(state.lots))
    if (lot[0] > 0 && lot[1] <= at && !lapsed(lot, at)) available += lot[0];
  return available - state.overdrawn;
};

/** The earliest expiry date of a lot that still holds points, or undefined. */
export const nextExpiry = (state: MemberState): number | undefined => {
  let next: number | undefined;
  for (const lot of Object.values(state.lots))
    if (lot[0] > 0 && lot[2] !== 0 && (next === undefined || lot[2] < next)) next = lot[2];
  return next;
};

/** The earliest unlock after `at` of a lot that still holds points (an active balance grows then). */
export const nextUnlock = (state: MemberState, at: number): number | undefined => {
  let next: number | undefined;
  for (const lot of Object.values(state.lots))
    if (lot[0] > 0 && lot[1] > at && (next === undefined || lot[1] < next)) next = lot[1];
  return next;
};
