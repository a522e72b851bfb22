import { z } from 'zod';
import { decimalSchema, orderedWindow, pointsSchema, ruleIdSchema, validityShape } from './rules';

/** The events that earn a fixed bonus. */
export const bonusTriggerSchema = z.enum([
  'enrolment',
  'birthday',
  'first_purchase',
  'review_posted',
  'survey_answered',
  'referral',
]);

/** Points per major unit of the program currency (e.g. per dollar) of net spend. */
export const baseRuleSchema = z
  .strictObject({ id: ruleIdSchema, pointsPerUnit: decimalSchema(1000), ...validityShape })
  .superRefine(orderedWindow);

/** Multiplies the points of lines with a SKU or category, or of a whole order for a tier; below 1 it lowers them. */
export const multiplierRuleSchema = z
  .strictObject({
    id: ruleIdSchema,
    on: z.enum(['sku', 'category', 'tier']),
    /** The SKU, category or tier id the rule matches. */
    match: z.string().min(1).max(200),
    factor: decimalSchema(100),
    ...validityShape,
  })
  .superRefine(orderedWindow);

/** A fixed number of points for an event. */
export const bonusRuleSchema = z
  .strictObject({
    id: ruleIdSchema,
    trigger: bonusTriggerSchema,
    points: pointsSchema,
    ...validityShape,
  })
  .superRefine(orderedWindow);

/** At most `points` from spend per order, or per calendar day, month or year (UTC). */
export const capRuleSchema = z
  .strictObject({
    id: ruleIdSchema,
    per: z.enum(['order', 'day', 'month', 'year']),
    points: pointsSchema,
    ...validityShape,
  })
  .superRefine(orderedWindow);

/** How spend and events earn points. */
export const earningSchema = z
  .strictObject({
    base: baseRuleSchema,
    multipliers: z.array(multiplierRuleSchema).max(1000).default([]),
    bonuses: z.array(bonusRuleSchema).max(1000).default([]),
    caps: z.array(capRuleSchema).max(100).default([]),
  })
  .superRefine((earning, ctx) => {
    const seen = new Map<string, string>([[earning.base.id, 'base']]);
    for (const list of ['multipliers', 'bonuses', 'caps'] as const)
      earning[list].forEach((rule, index) => {
        const first = seen.get(rule.id);
        if (first === undefined) seen.set(rule.id, `${list}[${index}]`);
        else
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'id'],
            message: `must be unique among earning rules (also earning.${first})`,
            input: rule.id,
          });
      });
  });
