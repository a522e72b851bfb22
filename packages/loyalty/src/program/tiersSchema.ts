import { z } from 'zod';
import { ruleIdSchema, uniqueIds } from './rules';

/** One level; a member holds the highest level whose threshold their basis value reaches. */
export const tierLevelSchema = z.strictObject({
  id: ruleIdSchema,
  name: z.string().min(1).max(200),
  threshold: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * Tiers: what is measured (`basis`), over which window, and when a member is reviewed for a downgrade
 * (`requalifyAfterDays` after their last tier change, then on each anniversary of it).
 */
export const tiersSchema = z.strictObject({
  /** `points_earned` and `active_balance` in points; `qualifying_spend` in minor units of the program currency. */
  basis: z.enum(['points_earned', 'qualifying_spend', 'active_balance']),
  window: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('rolling_days'), days: z.int().min(1).max(3650) }),
    z.strictObject({ kind: z.literal('since_last_change') }),
  ]),
  requalifyAfterDays: z.int().min(1).max(3650),
  /** A tier set by staff: `floor` holds until removed, `one_off` lasts until the next review. */
  manual: z.enum(['floor', 'one_off']),
  levels: z
    .array(tierLevelSchema)
    .min(1)
    .max(100)
    .superRefine(uniqueIds('tiers'))
    .superRefine((levels, ctx) => {
      if (levels[0] !== undefined && levels[0].threshold !== 0)
        ctx.addIssue({
          code: 'custom',
          path: [0, 'threshold'],
          message: 'must be 0: the first level is where every member starts',
          input: levels[0].threshold,
        });
      levels.forEach((level, index) => {
        const previous = levels[index - 1];
        if (previous !== undefined && level.threshold <= previous.threshold)
          ctx.addIssue({
            code: 'custom',
            path: [index, 'threshold'],
            message: `must be greater than the previous level's (${previous.threshold}): thresholds strictly ascend`,
            input: level.threshold,
          });
      });
    }),
});
