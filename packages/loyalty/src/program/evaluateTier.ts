import { renderValue, ValidationError } from '@rapport/core';
import type { Program, TierRules } from './programSchema';
import { dayMs, epochOf, type Instant, isoOf } from './time';

/** What is known of a member's tier when it is evaluated. */
export interface TierState {
  readonly current: string;
  /** A tier set by staff; the program says whether it is a `floor` or a `one_off`. */
  readonly manual?: string;
  /** The member's value of the program's basis over its window. */
  readonly basisValue: number;
  readonly lastChangeAt: Instant;
  /** The next review, where a downgrade may happen (see `requalificationDate`). */
  readonly requalifyAt: Instant;
  readonly now: Instant;
}

/** The outcome of a tier evaluation and everything it was decided on. */
export interface TierDecision {
  readonly kind: 'upgrade' | 'downgrade' | 'hold';
  readonly to: string;
  readonly reason: string;
  readonly basis: {
    readonly kind: TierRules['basis'];
    readonly value: number;
    readonly window: { readonly from: Instant; readonly to: Instant };
  };
  readonly nextReviewAt: Instant;
  /** The next level up and how much more basis it needs; absent at the top level. */
  readonly progress?: { readonly next: string; readonly needed: number };
}

const tiersOf = (program: Program): TierRules => {
  if (program.tiers === undefined)
    throw new ValidationError([{ path: 'program.tiers', rule: 'must be set to evaluate tiers' }]);
  return program.tiers;
};

/** The review date after a tier change at `lastChangeAt`: `requalifyAfterDays` later (UTC). */
export const requalificationDate = (program: Program, lastChangeAt: Instant): Instant =>
  isoOf(epochOf(lastChangeAt, 'lastChangeAt') + tiersOf(program).requalifyAfterDays * dayMs);

/**
 * Decides a member's tier: an upgrade happens at once, a downgrade only when `now` has reached `requalifyAt`,
 * and then straight to the level the basis earns. A manual `floor` tier is never gone below; a manual `one_off`
 * tier counts until the review (`now < requalifyAt`) and not after. A change sets the next review
 * `requalifyAfterDays` after `now`; a member who keeps their tier at a review is next reviewed on the following
 * anniversary of `requalifyAt`.
 */
export const evaluateTier = (program: Program, state: TierState): TierDecision => {
  const tiers = tiersOf(program);
  const { levels } = tiers;
  const rankOf = (id: string, path: string): number => {
    const rank = levels.findIndex((level) => level.id === id);
    if (rank < 0)
      throw new ValidationError([{ path, rule: 'must name a tier of the program', got: renderValue(id) }]);
    return rank;
  };
  if (!Number.isFinite(state.basisValue))
    throw new ValidationError([
      { path: 'state.basisValue', rule: 'must be a finite number', got: renderValue(state.basisValue) },
    ]);
  const current = rankOf(state.current, 'state.current');
  const manual = state.manual === undefined ? undefined : rankOf(state.manual, 'state.manual');
  const now = epochOf(state.now, 'state.now');
  const requalifyAt = epochOf(state.requalifyAt, 'state.requalifyAt');
  const lastChangeAt = epochOf(state.lastChangeAt, 'state.lastChangeAt');
  const period = tiers.requalifyAfterDays * dayMs;
  const atReview = now >= requalifyAt;

  let earned = 0;
  levels.forEach((level, rank) => {
    if (state.basisValue >= level.threshold) earned = rank;
  });
  const manualCounts = manual !== undefined && (tiers.manual === 'floor' || !atReview);
  const target = manualCounts ? Math.max(earned, manual) : earned;
  const byManual = manualCounts && manual > earned;
  const name = (rank: number) => levels[rank]!.id;

  let kind: TierDecision['kind'] = 'hold';
  let reason: string;
  if (target > current) {
    kind = 'upgrade';
    reason = byManual
      ? `manual ${tiers.manual} tier ${name(target)}`
      : `${tiers.basis} reached ${name(target)}'s threshold`;
  } else if (target < current && atReview) {
    kind = 'downgrade';
    reason = `${tiers.basis} at the review earns ${name(target)} only`;
  } else if (target < current) {
    reason = `below ${name(current)}'s threshold, held until the review at ${state.requalifyAt}`;
  } else {
    reason = byManual
      ? `held by manual ${tiers.manual} tier ${name(target)}`
      : `${tiers.basis} keeps ${name(current)}`;
  }
  const to = kind === 'hold' ? current : target;

  let nextReview = requalifyAt;
  if (kind !== 'hold') nextReview = now + period;
  else if (atReview) nextReview = requalifyAt + (Math.floor((now - requalifyAt) / period) + 1) * period;

  const from = tiers.window.kind === 'rolling_days' ? now - tiers.window.days * dayMs : lastChangeAt;
  const next = levels[to + 1];
  return {
    kind,
    to: name(to),
    reason,
    basis: { kind: tiers.basis, value: state.basisValue, window: { from: isoOf(from), to: isoOf(now) } },
    nextReviewAt: isoOf(nextReview),
    ...(next === undefined
      ? {}
      : { progress: { next: next.id, needed: Math.max(0, next.threshold - state.basisValue) } }),
  };
};
