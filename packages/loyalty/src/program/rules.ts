import { labelSchema, timestampSchema } from '@rapport/core';
import { z } from 'zod';

/** Identifier of a rule, tier or reward inside a program; results name it. */
export const ruleIdSchema = labelSchema;

const DECIMALS = 1e4;

/** Scales a rate or factor (at most four decimals) to an exact integer: `1.25` becomes `12500n`. */
export const scaled = (value: number): bigint => BigInt(Math.round(value * DECIMALS));

/** The scale `scaled` multiplies by. */
export const scale = BigInt(DECIMALS);

/** A positive decimal with at most four decimal places, so points are computed exactly. */
export const decimalSchema = (max: number) =>
  z
    .number({ error: 'must be a number' })
    .gt(0, { error: 'must be greater than 0' })
    .max(max, { error: `must be at most ${max}` })
    .refine((n) => Math.abs(n * DECIMALS - Math.round(n * DECIMALS)) < 1e-6, {
      error: 'must have at most 4 decimal places',
    });

/** The optional `[validFrom, validUntil)` window every rule carries. */
export const validityShape = {
  validFrom: timestampSchema.optional(),
  validUntil: timestampSchema.optional(),
};

/** Refuses a window whose end is not after its start. */
export const orderedWindow = (
  value: { readonly validFrom?: string | undefined; readonly validUntil?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  const { validFrom, validUntil } = value;
  if (validFrom !== undefined && validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom))
    ctx.addIssue({
      code: 'custom',
      path: ['validUntil'],
      message: `must be after validFrom (${validFrom})`,
      input: validUntil,
    });
};

/** Refuses repeated `id`s in a list; each repeat is named at its own path. */
export const uniqueIds =
  (what: string) => (items: readonly { readonly id: string }[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `must be unique among ${what} (also at [${first}])`,
          input: item.id,
        });
    });
  };

/** A positive whole number of points. */
export const pointsSchema = z
  .number({ error: 'must be a whole number of points' })
  .int({ error: 'must be a whole number of points' })
  .min(1, { error: 'must be positive' })
  .max(1e12);
