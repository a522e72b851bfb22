import type { TouchpointData } from '@rapport/core';
import { type BonusComponent, bonusFor, inForce } from './bonusFor';
import { type CapComponent, capSpend, type EarnedInPeriod } from './caps';
import { netSpend } from './netSpend';
import { pointsFromSpend, type SpendComponent } from './pointsFromSpend';
import type { Program } from './programSchema';
import { epochOf, type Instant, isWithin } from './time';

type Purchase = TouchpointData<'PurchaseCompleted'>;

/** What the caller knows about the member when the purchase happened. */
export interface EarnContext {
  /** When the purchase happened (its `occurredAt`). */
  readonly at: Instant;
  /** The member's tier then; tier multipliers match it. */
  readonly tier?: string;
  /** Points from spend already earned in the calendar (UTC) day, month and year holding `at`. */
  readonly earnedInPeriod?: EarnedInPeriod;
  /** True for the member's first purchase: the `first_purchase` bonus is added. */
  readonly firstPurchase?: boolean;
}

/** Points one rule produced; the components of a result sum to its `points`. */
export type EarningComponent = SpendComponent | CapComponent | BonusComponent;

/** Why a purchase earned what it did. */
export type EarnReason =
  | 'earned'
  | 'no_net_spend'
  | 'program_not_in_force'
  | 'currency_mismatch'
  | 'base_rule_inactive';

/** The points a purchase earns under one program version, and the rule behind each of them. */
export interface Earning {
  readonly programId: string;
  readonly version: number;
  readonly points: number;
  /** Points from spend after caps (bonuses excluded): what a refund reverses in proportion. */
  readonly spendPoints: number;
  /** Net spend in minor units of the order currency. */
  readonly net: number;
  readonly components: readonly EarningComponent[];
  /** Present when a cap cut the spend points. */
  readonly capped?: { readonly before: number; readonly after: number; readonly rules: readonly string[] };
  readonly reason: EarnReason;
}

/**
 * The points `purchase` earns under `program`. Order of application, per order:
 * 1. net spend per line (`netSpend`); base = line net ÷ minor units per major unit × `pointsPerUnit`;
 * 2. at most one product multiplier per line: a SKU rule if any matches, else a category rule; among several
 *    matches the highest factor wins, ties to the earlier rule in the program
 *    (components list product rules in program order);
 * 3. one tier multiplier (the member's tier, same tie rule) on the whole order;
 * 4. exact arithmetic throughout, floored once for the order, so splitting lines over several orders never
 *    earns more than the whole; each component is the change in the floored running total it caused;
 * 5. caps on those spend points: per order, then per day, month and year given `earnedInPeriod`;
 * 6. event bonuses (`first_purchase`) are added last, neither multiplied nor capped.
 * Rules count when `validFrom <= at < validUntil`. No points at all, with the reason, outside the program's
 * dates or for another currency (no conversion: rates are outside data; convert first and call again).
 */
export const earnForPurchase = (program: Program, purchase: Purchase, context: EarnContext): Earning => {
  const ms = epochOf(context.at, 'context.at');
  const spend = netSpend(purchase);
  const head = { programId: program.id, version: program.version, net: spend.net };
  const none = (reason: EarnReason): Earning => ({
    ...head,
    points: 0,
    spendPoints: 0,
    components: [],
    reason,
  });
  if (!inForce(program, ms)) return none('program_not_in_force');
  if (purchase.currency !== program.currency) return none('currency_mismatch');

  const bonuses = context.firstPurchase ? bonusFor(program, 'first_purchase', context.at).components : [];
  const { base } = program.earning;
  const withBonuses = (
    spendPart: Omit<Earning, 'points' | 'components' | 'reason'>,
    components: EarningComponent[],
    reason: EarnReason,
  ): Earning => {
    const all = [...components, ...bonuses];
    return { ...spendPart, points: all.reduce((sum, c) => sum + c.points, 0), components: all, reason };
  };
  if (!isWithin(ms, base)) return withBonuses({ ...head, spendPoints: 0 }, [], 'base_rule_inactive');

  const { points: uncapped, components } = pointsFromSpend(program, spend, ms, context.tier);
  const cut = capSpend(program, uncapped, ms, context.earnedInPeriod ?? {});
  const spendPart = { ...head, spendPoints: cut.points };
  const capped =
    cut.components.length === 0
      ? {}
      : { capped: { before: uncapped, after: cut.points, rules: cut.components.map((c) => c.ruleId) } };
  return withBonuses(
    { ...spendPart, ...capped },
    [...components, ...cut.components],
    spend.net === 0 ? 'no_net_spend' : 'earned',
  );
};
