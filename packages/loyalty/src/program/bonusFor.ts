import type { BonusTrigger, Program } from './programSchema';
import { epochOf, type Instant, isWithin } from './time';

/** Points a fixed bonus rule adds. */
export interface BonusComponent {
  readonly ruleId: string;
  readonly kind: 'bonus';
  readonly points: number;
  readonly basis: { readonly trigger: BonusTrigger };
}

/** The bonus for an event: every bonus rule for `trigger` valid at `at` applies, in program order. */
export interface Bonus {
  readonly programId: string;
  readonly version: number;
  readonly points: number;
  readonly components: readonly BonusComponent[];
  readonly reason: 'earned' | 'no_rule' | 'program_not_in_force';
}

/** True when `program` is in force at `ms`: from `effectiveFrom`, before `effectiveUntil`. */
export const inForce = (program: Program, ms: number): boolean =>
  isWithin(ms, { validFrom: program.effectiveFrom, validUntil: program.effectiveUntil });

/** The fixed points `program` gives for `trigger` at `at`; bonuses are never capped or multiplied. */
export const bonusFor = (program: Program, trigger: BonusTrigger, at: Instant): Bonus => {
  const ms = epochOf(at, 'at');
  const head = { programId: program.id, version: program.version };
  if (!inForce(program, ms)) return { ...head, points: 0, components: [], reason: 'program_not_in_force' };
  const components = program.earning.bonuses
    .filter((rule) => rule.trigger === trigger && isWithin(ms, rule))
    .map(
      (rule): BonusComponent => ({ ruleId: rule.id, kind: 'bonus', points: rule.points, basis: { trigger } }),
    );
  const points = components.reduce((sum, c) => sum + c.points, 0);
  return { ...head, points, components, reason: components.length === 0 ? 'no_rule' : 'earned' };
};
