import { minorPerMajor } from './currencyDigits';
import type { NetSpend } from './netSpend';
import type { Program } from './programSchema';
import { scale, scaled } from './rules';
import { isWithin } from './time';

type Multiplier = Program['earning']['multipliers'][number];

/** Points the base rule or a multiplier produced. */
export type SpendComponent =
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
    };

/** The valid rule with the highest factor; ties go to the earlier rule in the program. */
const strongest = (rules: readonly Multiplier[]): Multiplier | undefined =>
  rules.reduce<Multiplier | undefined>(
    (best, rule) => (best === undefined || rule.factor > best.factor ? rule : best),
    undefined,
  );

/**
 * Steps 1 to 4 of `earnForPurchase`: base, one product multiplier per line, the tier multiplier, in exact
 * arithmetic floored once for the order. Each component is the change in the floored running total it caused,
 * so the components sum to the points. The base rule must be valid at `ms`.
 */
export const pointsFromSpend = (
  program: Program,
  spend: NetSpend,
  ms: number,
  tierId: string | undefined,
): { points: number; components: SpendComponent[] } => {
  const { base } = program.earning;
  const valid = program.earning.multipliers.filter((rule) => isWithin(ms, rule));
  const rate = scaled(base.pointsPerUnit);
  const denominator = minorPerMajor(program.currency) * scale ** 3n;
  const floorOf = (raw: bigint) => Number(raw / denominator);

  // running total in units of 1 / denominator points; each rule's points = floor after it − floor before it
  let running = 0n;
  for (const line of spend.lines) running += BigInt(line.net) * rate * scale * scale;
  const components: SpendComponent[] = [
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
    tierId === undefined ? undefined : strongest(valid.filter((r) => r.on === 'tier' && r.match === tierId));
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
  return { points: floorOf(running), components };
};
