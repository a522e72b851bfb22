import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import { entityIdSchema, labelSchema, textSchema, timestampSchema } from '../schema/primitives';

const points = z
  .number()
  .int({ error: 'must be a whole number of points' })
  .min(1, { error: 'must be at least 1 point' })
  .max(1e12);

export const LoyaltyEnrolled = defineEvent({
  type: 'LoyaltyEnrolled',
  family: 'loyalty',
  version: 1,
  description: 'The customer joined a loyalty program.',
  schema: z.strictObject({
    programId: labelSchema,
    memberNumber: personal(labelSchema, 'identifier').optional(),
    tier: labelSchema.optional(),
  }),
});

export const PointsEarned = defineEvent({
  type: 'PointsEarned',
  family: 'loyalty',
  version: 1,
  description: 'Points were earned by a rule; they may be pending until a date and expire at another.',
  schema: z.strictObject({
    programId: labelSchema,
    earningId: entityIdSchema,
    points,
    rule: labelSchema,
    orderId: entityIdSchema.optional(),
    pendingUntil: timestampSchema.optional(),
    expiresAt: timestampSchema.optional(),
  }),
});

export const PointsRedeemed = defineEvent({
  type: 'PointsRedeemed',
  family: 'loyalty',
  version: 1,
  description: 'Points were spent on a reward.',
  schema: z.strictObject({
    programId: labelSchema,
    redemptionId: entityIdSchema,
    points,
    reward: labelSchema,
    orderId: entityIdSchema.optional(),
  }),
});

export const PointsExpired = defineEvent({
  type: 'PointsExpired',
  family: 'loyalty',
  version: 1,
  description: 'Points reached their expiry date unspent.',
  schema: z.strictObject({ programId: labelSchema, points, earningId: entityIdSchema.optional() }),
});

export const PointsReversed = defineEvent({
  type: 'PointsReversed',
  family: 'loyalty',
  version: 1,
  description: 'Points earned on an order were taken back, usually because the order was refunded.',
  schema: z.strictObject({
    programId: labelSchema,
    points,
    earningId: entityIdSchema.optional(),
    orderId: entityIdSchema.optional(),
    reason: personal(textSchema(500).min(1), 'free-text'),
  }),
});

export const PointsAdjusted = defineEvent({
  type: 'PointsAdjusted',
  family: 'loyalty',
  version: 1,
  description: 'Staff corrected a balance by hand; `points` may be negative.',
  schema: z.strictObject({
    programId: labelSchema,
    points: z
      .number()
      .int()
      .min(-1e12)
      .max(1e12)
      .refine((n) => n !== 0, { error: 'must not be zero' }),
    reason: personal(textSchema(500).min(1), 'free-text'),
    adjustedBy: labelSchema.optional(),
  }),
});

export const TierChanged = defineEvent({
  type: 'TierChanged',
  family: 'loyalty',
  version: 1,
  description: "The customer's loyalty tier changed.",
  schema: z.strictObject({
    programId: labelSchema,
    from: labelSchema.optional(),
    to: labelSchema,
    reason: personal(textSchema(500), 'free-text').optional(),
  }),
});

export const loyaltyEvents = [
  LoyaltyEnrolled,
  PointsEarned,
  PointsRedeemed,
  PointsExpired,
  PointsReversed,
  PointsAdjusted,
  TierChanged,
] as const;
