import type { Program } from './programSchema';
import { isWithin } from './time';

/** Points from spend already earned in the calendar (UTC) day, month and year of a purchase. */
export interface EarnedInPeriod {
  readonly day?: number;
  readonly month?: number;
  readonly year?: number;
}

/** Points a cap took away (negative). */
export interface CapComponent {
  readonly ruleId: string;
  readonly kind: 'cap';
  readonly points: number;
  readonly basis: {
    readonly per: 'order' | 'day' | 'month' | 'year';
    readonly limit: number;
    /** What the cap still allowed for this order. */
    readonly remaining: number;
  };
}

const ORDER = ['order', 'day', 'month', 'year'] as const;

/** Applies the caps valid at `ms` to `points`: per order first, then per day, month and year. */
export const capSpend = (
  program: Program,
  points: number,
  ms: number,
  earned: EarnedInPeriod,
): { points: number; components: CapComponent[] } => {
  const components: CapComponent[] = [];
  let left = points;
  for (const per of ORDER)
    for (const cap of program.earning.caps) {
      if (cap.per !== per || !isWithin(ms, cap)) continue;
      const remaining = Math.max(0, cap.points - (per === 'order' ? 0 : (earned[per] ?? 0)));
      if (left <= remaining) continue;
      components.push({
        ruleId: cap.id,
        kind: 'cap',
        points: remaining - left,
        basis: { per, limit: cap.points, remaining },
      });
      left = remaining;
    }
  return { points: left, components };
};
