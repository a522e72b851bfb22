import {
  customerIdSchema,
  entityIdSchema,
  labelSchema,
  negativeBalancePolicySchema,
  tierBasisSchema,
  tierReasonKindSchema,
  timestampSchema,
} from '@rapport/core';
import { z } from 'zod';

const points = z
  .number()
  .int({ error: 'must be a whole number of points' })
  .min(1, { error: 'must be at least 1 point' })
  .max(1e12);
/** Points that may be negative (a debit, a cap's part) but not zero. */
const signedPoints = z
  .number()
  .int()
  .min(-1e12)
  .max(1e12)
  .refine((n) => n !== 0, { error: 'must not be zero' });
const programVersion = z.number().int().min(1, { error: 'must be a program version, from 1' });
const id = { customerId: customerIdSchema };
const command = <TType extends string, TData extends z.ZodType>(type: TType, data: TData) =>
  z.strictObject({ type: z.literal(type), data });

/** Every command of a loyalty account, as one discriminated union schema. */
export const accountCommandSchema = z.discriminatedUnion('type', [
  command(
    'EnrolLoyalty',
    z.strictObject({
      ...id,
      programId: labelSchema,
      programVersion,
      negativeBalancePolicy: negativeBalancePolicySchema,
      memberNumber: labelSchema.optional(),
      tier: labelSchema.optional(),
    }),
  ),
  command(
    'EarnPoints',
    z.strictObject({
      ...id,
      earningId: entityIdSchema,
      points,
      rule: labelSchema,
      /** Each rule's part, in the order applied; a cap's part is negative. */
      breakdown: z
        .array(
          z.strictObject({
            rule: labelSchema,
            points: signedPoints,
          }),
        )
        .min(1)
        .max(100),
      availableAt: timestampSchema,
      expiresAt: timestampSchema.optional(),
      programVersion,
      orderId: entityIdSchema.optional(),
      eventId: entityIdSchema.optional(),
    }),
  ),
  command(
    'RedeemPoints',
    z.strictObject({
      ...id,
      redemptionId: entityIdSchema,
      points,
      reward: labelSchema,
      orderId: entityIdSchema.optional(),
    }),
  ),
  command(
    'ReversePoints',
    z.strictObject({
      ...id,
      refundId: entityIdSchema,
      earningId: entityIdSchema,
      points,
      reason: z.string().min(1, { error: 'must say why the points are taken back' }).max(500),
      orderId: entityIdSchema.optional(),
      policy: negativeBalancePolicySchema.optional(),
    }),
  ),
  command(
    'AdjustPoints',
    z.strictObject({
      ...id,
      adjustmentId: entityIdSchema,
      points: signedPoints,
      reason: z.string().min(1, { error: 'must say why the balance is corrected' }).max(500),
      adjustedBy: labelSchema,
      expiresAt: timestampSchema.optional(),
    }),
  ),
  command('ExpirePoints', z.strictObject({ ...id })),
  command(
    'ChangeTier',
    z.strictObject({
      ...id,
      from: labelSchema.optional(),
      to: labelSchema,
      reasonKind: tierReasonKindSchema,
      basis: z.array(tierBasisSchema).max(20),
      programVersion,
      reason: z.string().max(500).optional(),
    }),
  ),
]);

/** A loyalty account command, as the decider sees it. */
export type AccountCommand = z.output<typeof accountCommandSchema>;

/** A loyalty account command of one type. */
export type AccountCommandOf<TType extends AccountCommand['type']> = Extract<AccountCommand, { type: TType }>;
