import { evaluateTier, type TierDecision } from '../program/evaluateTier';
import type { Program } from '../program/programSchema';
import { dayMs, isoOf } from '../program/time';
import { mirrorAvailable } from './ledgerMirror';
import type { BasisEntry, MemberState } from './memberState';

/** The earliest time any of `programs`' tier windows can still reach at `now`: older basis entries are dropped. */
export const basisHorizon = (programs: readonly Program[], state: MemberState, now: number): number => {
  let horizon = now;
  for (const program of programs) {
    const window = program.tiers?.window;
    if (window === undefined) continue;
    horizon = Math.min(
      horizon,
      window.kind === 'rolling_days' ? now - window.days * dayMs : state.lastTierChangeAt,
    );
  }
  return horizon;
};

/** Adds a basis entry and drops those no window can reach any more. */
export const addBasis = (
  programs: readonly Program[],
  state: MemberState,
  entry: BasisEntry,
): readonly BasisEntry[] => {
  const horizon = basisHorizon(programs, state, entry[0]);
  return [...state.basis.filter((kept) => kept[0] > horizon), entry];
};

/** The member's value of `program`'s tier basis at `now`, over its window (never below 0). */
export const basisValue = (program: Program, state: MemberState, now: number): number => {
  const tiers = program.tiers;
  if (tiers === undefined) return 0;
  if (tiers.basis === 'active_balance') return Math.max(0, mirrorAvailable(state, now));
  const from =
    tiers.window.kind === 'rolling_days' ? now - tiers.window.days * dayMs : state.lastTierChangeAt;
  const column = tiers.basis === 'qualifying_spend' ? 1 : 2;
  let value = 0;
  for (const entry of state.basis) if (entry[0] > from && entry[0] <= now) value += entry[column];
  return Math.max(0, value);
};

/** `program`'s tier decision for the member at `now`, or undefined when it has no tiers. */
export const decideMemberTier = (
  program: Program,
  state: MemberState,
  now: number,
): TierDecision | undefined => {
  const tiers = program.tiers;
  if (tiers === undefined) return undefined;
  const first = tiers.levels[0]!.id;
  const known = (id: string | undefined) =>
    id !== undefined && tiers.levels.some((level) => level.id === id) ? id : undefined;
  return evaluateTier(program, {
    current: known(state.tier) ?? first,
    ...(known(state.manualTier) === undefined ? {} : { manual: state.manualTier }),
    basisValue: basisValue(program, state, now),
    lastChangeAt: isoOf(state.lastTierChangeAt),
    requalifyAt: isoOf(state.requalifyAt),
    now: isoOf(now),
  });
};
