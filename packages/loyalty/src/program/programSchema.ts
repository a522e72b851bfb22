import { currencySchema, labelSchema, timestampSchema } from '@rapport/core';
import { z } from 'zod';
import { earningSchema } from './earningSchema';
import { pointsSchema, ruleIdSchema, uniqueIds } from './rules';
import { tiersSchema } from './tiersSchema';

/** When unlocked points expire; `expiresAt` computes the instant in UTC. */
export const expirySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('after_days'), days: z.int().min(1).max(36_500) }),
  /** At the end of the month of unlock, or of the month `monthsAfter` later. */
  z.strictObject({ kind: z.literal('end_of_month'), monthsAfter: z.int().min(0).max(1200).default(0) }),
  /** At the end of the year of unlock, or of the year `yearsAfter` later. */
  z.strictObject({ kind: z.literal('end_of_year'), yearsAfter: z.int().min(0).max(100).default(0) }),
]);

/** A reward members can spend points on. */
export const rewardSchema = z.strictObject({
  id: ruleIdSchema,
  name: z.string().min(1).max(200),
  cost: pointsSchema,
});

/**
 * A loyalty program as data: JSON in, JSON out, one version of it in force from `effectiveFrom`.
 * Cross-field rules (ordered windows, unique ids, ascending thresholds) are checked at the smallest object
 * holding both fields, so a broken section does not hide another section's problems.
 */
export const programSchema = z
  .strictObject({
    id: labelSchema,
    version: z.int().min(1),
    name: z.string().max(200).optional(),
    effectiveFrom: timestampSchema,
    /** The program closes here; purchases from this instant on earn nothing under it. */
    effectiveUntil: timestampSchema.optional(),
    /** Points are earned per major unit of this currency; an order in another currency earns nothing. */
    currency: currencySchema,
    earning: earningSchema,
    /** Points from a purchase stay pending for `returnWindowDays` after it. */
    pending: z.strictObject({ returnWindowDays: z.int().min(0).max(3650) }),
    expiry: expirySchema,
    tiers: tiersSchema.optional(),
    rewards: z.array(rewardSchema).max(10_000).superRefine(uniqueIds('rewards')).default([]),
    /** When a reversal takes back points already spent: let the balance go below zero, or record a debt. */
    negativeBalance: z.enum(['allow_negative', 'debt']),
  })
  .superRefine((program, ctx) => {
    const { effectiveFrom, effectiveUntil } = program;
    if (effectiveUntil !== undefined && Date.parse(effectiveUntil) <= Date.parse(effectiveFrom))
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveUntil'],
        message: `must be after effectiveFrom (${effectiveFrom})`,
        input: effectiveUntil,
      });
    const tiers = new Set(program.tiers?.levels.map((level) => level.id));
    program.earning.multipliers.forEach((rule, index) => {
      if (rule.on === 'tier' && !tiers.has(rule.match))
        ctx.addIssue({
          code: 'custom',
          path: ['earning', 'multipliers', index, 'match'],
          message: 'must name a tier in tiers.levels',
          input: rule.match,
        });
    });
  });

/** A parsed program. */
export type Program = z.output<typeof programSchema>;
/** A program as written in JSON, before defaults fill empty lists. */
export type ProgramInput = z.input<typeof programSchema>;
export type EarningRules = Program['earning'];
export type TierRules = NonNullable<Program['tiers']>;
export type Expiry = Program['expiry'];
export type Reward = Program['rewards'][number];
export type BonusTrigger = Program['earning']['bonuses'][number]['trigger'];
