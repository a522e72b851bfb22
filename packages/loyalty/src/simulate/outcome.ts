import { ownValue, setOwn } from '@rapport/core';
import type { Balances } from '../account/balances';
import type { Refusal, ReplayedAccount } from './replayAccounts';

/** A tier change a run made, and when. */
export interface TierMove {
  readonly at: string;
  readonly from?: string;
  readonly to: string;
  readonly reasonKind: string;
}

/** What one program gave one customer: movements within the window, balances and tier at its end. */
export interface CustomerOutcome {
  /** Points earned, reversed, expired and redeemed within the window. */
  readonly earned: number;
  readonly reversed: number;
  readonly expired: number;
  readonly redeemed: number;
  /** Balances at the end of the window. */
  readonly available: number;
  readonly pending: number;
  readonly debt: number;
  readonly tier: string | undefined;
  readonly tierMoves: readonly TierMove[];
  readonly refusals: readonly Refusal[];
}

/** The numeric differences, candidate minus current. */
export interface OutcomeDifference {
  readonly earned: number;
  readonly reversed: number;
  readonly expired: number;
  readonly redeemed: number;
  readonly available: number;
  readonly pending: number;
  readonly debt: number;
  readonly refusals: number;
  readonly tierMoves: number;
}

/** One customer under both programs. */
export interface CustomerComparison {
  readonly customerId: string;
  readonly current: CustomerOutcome;
  readonly candidate: CustomerOutcome;
  readonly difference: OutcomeDifference;
  /** True when anything differs: a figure, the tier at the end, or when and how the tier moved. */
  readonly changed: boolean;
}

/** The totals of a run over every customer. */
export interface TotalOutcome extends Omit<CustomerOutcome, 'tier' | 'tierMoves' | 'refusals'> {
  readonly customers: number;
  /** Members per tier at the end of the window. */
  readonly tiers: Readonly<Record<string, number>>;
  readonly tierMoves: number;
  readonly refusals: number;
}

/** What `simulate` returns. */
export interface Simulation {
  readonly window: { readonly from?: string; readonly to: string };
  readonly total: {
    readonly current: TotalOutcome;
    readonly candidate: TotalOutcome;
    readonly difference: OutcomeDifference;
  };
  /** Every customer either program touched, by id. */
  readonly customers: readonly CustomerComparison[];
}

const FIGURES = ['earned', 'reversed', 'expired', 'redeemed', 'available', 'pending', 'debt'] as const;

/** A customer's outcome from their replayed account (undefined: the program touched nothing of theirs). */
export const outcomeOf = (
  account: ReplayedAccount | undefined,
  figures: Balances | undefined,
  window: { readonly from?: string; readonly to: string },
): CustomerOutcome => {
  const moved = { earned: 0, reversed: 0, expired: 0, redeemed: 0 };
  const tierMoves: TierMove[] = [];
  for (const event of account?.events ?? []) {
    if (window.from !== undefined && event.metadata.occurredAt < window.from) continue;
    const at = event.metadata.occurredAt;
    if (event.type === 'PointsEarned') moved.earned += event.data.points;
    else if (event.type === 'PointsReversed') moved.reversed += event.data.points;
    else if (event.type === 'PointsExpired') moved.expired += event.data.points;
    else if (event.type === 'PointsRedeemed') moved.redeemed += event.data.points;
    else if (event.type === 'TierChanged')
      tierMoves.push({
        at,
        ...(event.data.from === undefined ? {} : { from: event.data.from }),
        to: event.data.to,
        reasonKind: event.data.reasonKind,
      });
  }
  return {
    ...moved,
    available: figures?.available ?? 0,
    pending: figures?.pending ?? 0,
    debt: figures?.debt ?? 0,
    tier: figures?.tier,
    tierMoves,
    refusals: account?.refusals ?? [],
  };
};

const count = (value: number | readonly unknown[]) => (typeof value === 'number' ? value : value.length);

/** The difference between two outcomes, and whether anything differs. */
export const compareOutcomes = <TOutcome extends CustomerOutcome | TotalOutcome>(
  customerId: string,
  current: TOutcome,
  candidate: TOutcome,
): {
  customerId: string;
  current: TOutcome;
  candidate: TOutcome;
  difference: OutcomeDifference;
  changed: boolean;
} => {
  const difference = {
    ...Object.fromEntries(FIGURES.map((field) => [field, candidate[field] - current[field]])),
    refusals: count(candidate.refusals) - count(current.refusals),
    tierMoves: count(candidate.tierMoves) - count(current.tierMoves),
  } as unknown as OutcomeDifference;
  const changed =
    Object.values(difference).some((value) => value !== 0) ||
    JSON.stringify([current.tierMoves, 'tier' in current ? current.tier : null]) !==
      JSON.stringify([candidate.tierMoves, 'tier' in candidate ? candidate.tier : null]) ||
    JSON.stringify(current.refusals) !== JSON.stringify(candidate.refusals);
  return { customerId, current, candidate, difference, changed };
};

/** The totals over customers. */
export const sumOutcomes = (outcomes: readonly CustomerOutcome[]): TotalOutcome => {
  const total = { earned: 0, reversed: 0, expired: 0, redeemed: 0, available: 0, pending: 0, debt: 0 };
  const tiers: Record<string, number> = {};
  let tierMoves = 0;
  let refusals = 0;
  for (const outcome of outcomes) {
    for (const field of FIGURES) total[field] += outcome[field];
    if (outcome.tier !== undefined) setOwn(tiers, outcome.tier, (ownValue(tiers, outcome.tier) ?? 0) + 1);
    tierMoves += outcome.tierMoves.length;
    refusals += outcome.refusals.length;
  }
  return { ...total, customers: outcomes.length, tiers, tierMoves, refusals };
};
