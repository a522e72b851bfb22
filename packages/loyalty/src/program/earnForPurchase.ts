import type { TouchpointData } from '@rapport/core';
import { type BonusComponent, bonusFor, inForce } from './bonusFor';
import { type CapComponent, capSpend, type EarnedInPeriod } from './caps';
import { minorPerMajor } from './currencyDigits';
import { netSpend } from './netSpend';
import type { Program } from './programSchema';
import { scale, scaled } from './rules';
import { epochOf, type Instant, isWithin } from './time';

type Purchase = TouchpointData<'PurchaseCompleted'>;
type Multiplier = Program['earning']['multipliers'][number];

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
export type EarningComponent =
  | {
      readonly ruleId: string;
      readonly kind: 'base';
      readonly points: number;
      readonly basis: { readonly net: number; readonly pointsPerUnit: number };
    }
  | {
      readonly ruleId: string;
      readonly kind: 'sku_multiplier' | 'category_multiplier';
      readonly points: number;
      readonly basis: {
        readonly match: string;
        readonly factor: number;
        readonly lines: readonly number[];
        readonly net: number;
      };
    }
  | {
      readonly ruleId: string;
      readonly kind: 'tier_multiplier';
      readonly points: number;
      readonly basis: { readonly tier: string; readonly factor: number };
    }
  | CapComponent
  | BonusComponent;

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

/** The valid rule with the highest factor; ties go to the earlier rule in the program. */
const strongest = (rules: readonly Multiplier[]): Multiplier | undefined =>
  rules.reduce<Multiplier | undefined>(
    (best, rule) => (best === undefined || rule.factor > best.factor ? rule : best),
    undefined,
  );

/**
 * The points `purchase` earns under `program`. Order of application, per order:
 * 1. net spend per line (`netSpend`); base = line net ÷ minor units per major unit × `pointsPerUnit`;
 * 2. at most one product multiplier per line: a SKU rule if any matches, else a category rule; among several
 *    matches the highest factor wins, ties to the earlier rule in the program;
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

  const valid = program.earning.multipliers.filter((rule) => isWithin(ms, rule));
  const rate = scaled(base.pointsPerUnit);
  const denominator = minorPerMajor(program.currency) * scale ** 3n;
  const floorOf = (raw: bigint) => Number(raw / denominator);

  // running total in units of 1 / denominator points; each rule's points = floor after it − floor before it
  let running = 0n;
  for (const line of spend.lines) running += BigInt(line.net) * rate * scale * scale;
  const components: EarningComponent[] = [
    {
      ruleId: base.id,
      kind: 'base',
      points: floorOf(running),
      basis: { net: spend.net, pointsPerUnit: base.pointsPerUnit },
    },
  ];
  const applied = new Map<Multiplier, { lines: number[]; net: number }>();
  for (const line of spend.lines) {
    const rule =
      strongest(valid.filter((r) => r.on === 'sku' && r.match === line.sku)) ??
      strongest(valid.filter((r) => r.on === 'category' && r.match === line.category));
    if (rule === undefined) continue;
    const entry = applied.get(rule) ?? { lines: [], net: 0 };
    if (line.line !== undefined) entry.lines.push(line.line);
    entry.net += line.net;
    applied.set(rule, entry);
  }
  for (const rule of valid) {
    const entry = applied.get(rule);
    if (entry === undefined) continue;
    const before = floorOf(running);
    running += BigInt(entry.net) * rate * (scaled(rule.factor) - scale) * scale;
    components.push({
      ruleId: rule.id,
      kind: rule.on === 'sku' ? 'sku_multiplier' : 'category_multiplier',
      points: floorOf(running) - before,
      basis: { match: rule.match, factor: rule.factor, lines: entry.lines, net: entry.net },
    });
  }
  const tier =
    context.tier === undefined
      ? undefined
      : strongest(valid.filter((r) => r.on === 'tier' && r.match === context.tier));
  if (tier !== undefined) {
    const before = floorOf(running);
    running = (running * scaled(tier.factor)) / scale;
    components.push({
      ruleId: tier.id,
      kind: 'tier_multiplier',
      points: floorOf(running) - before,
      basis: { tier: tier.match, factor: tier.factor },
    });
  }
  const uncapped = floorOf(running);
  const cut = capSpend(program, uncapped, ms, context.earnedInPeriod ?? {});
  components.push(...cut.components);
  const spendPart = { ...head, spendPoints: cut.points };
  const capped =
    cut.components.length === 0
      ? {}
      : { capped: { before: uncapped, after: cut.points, rules: cut.components.map((c) => c.ruleId) } };
  return withBonuses({ ...spendPart, ...capped }, components, spend.net === 0 ? 'no_net_spend' : 'earned');
};
