import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { defineUpcaster } from '../registry/upcaster';
import { personal } from '../schema/personal';
import { entityIdSchema, labelSchema, textSchema, timestampSchema } from '../schema/primitives';

const MAX_POINTS = 1e12;
const points = z
  .number()
  .int({ error: 'must be a whole number of points' })
  .min(1, { error: 'must be at least 1 point' })
  .max(MAX_POINTS);
const share = z
  .number()
  .int({ error: 'must be a whole number of points' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_POINTS);
/** A rule's part of an earning: negative where a cap or a factor below 1 took points away. */
const signedPoints = z
  .number()
  .int({ error: 'must be a whole number of points' })
  .min(-MAX_POINTS)
  .max(MAX_POINTS)
  .refine((n) => n !== 0, { error: 'must not be zero' });
const programVersion = z.number().int().min(1, { error: 'must be a program version, from 1' });

/** What a negative-balance policy does with a reversal that finds its points already spent. */
export const negativeBalancePolicySchema = z.enum(['allow_negative', 'debt']);

/** What caused a movement of points: the command, and the event, order or refund it answers, as they apply. */
export const pointsCauseSchema = z.strictObject({
  command: labelSchema.optional(),
  eventId: entityIdSchema.optional(),
  orderId: entityIdSchema.optional(),
  refundId: entityIdSchema.optional(),
});

/** A part of a movement taken from one lot (the earning or credit that holds the points). */
export const lotShareSchema = z.strictObject({ earningId: entityIdSchema, points });

/** Why a tier changed. */
export const tierReasonKindSchema = z.enum([
  'upgrade',
  'downgrade',
  'requalified',
  'manual_floor',
  'manual_one_off',
]);

/** A measure a tier decision was based on: what was counted, how much, over which window. */
export const tierBasisSchema = z.strictObject({
  kind: labelSchema,
  value: z.number().int().min(0).max(1e15),
  window: z.strictObject({ start: timestampSchema, end: timestampSchema }),
});

const enrolledV1 = z.strictObject({
  programId: labelSchema,
  memberNumber: personal(labelSchema, 'identifier').optional(),
  tier: labelSchema.optional(),
});

export const LoyaltyEnrolled = defineEvent({
  type: 'LoyaltyEnrolled',
  family: 'loyalty',
  version: 2,
  description:
    'The customer joined a loyalty program, at a program version, with the policy for reversals of points already spent.',
  schema: enrolledV1.extend({ programVersion, negativeBalancePolicy: negativeBalancePolicySchema }),
});

const earnedV1 = z.strictObject({
  programId: labelSchema,
  earningId: entityIdSchema,
  points,
  rule: labelSchema,
  orderId: entityIdSchema.optional(),
  pendingUntil: timestampSchema.optional(),
  expiresAt: timestampSchema.optional(),
});

export const PointsEarned = defineEvent({
  type: 'PointsEarned',
  family: 'loyalty',
  version: 2,
  description:
    'Points were earned by a rule into a lot: pending until `availableAt`, expiring at `expiresAt` (never when absent); `debtRecovered` of them paid an outstanding debt.',
  schema: z.strictObject({
    programId: labelSchema,
    programVersion,
    earningId: entityIdSchema,
    points,
    rule: labelSchema,
    breakdown: z.array(z.strictObject({ rule: labelSchema, points: signedPoints })).max(100),
    availableAt: timestampSchema,
    expiresAt: timestampSchema.optional(),
    debtRecovered: share,
    cause: pointsCauseSchema,
  }),
});

const redeemedV1 = z.strictObject({
  programId: labelSchema,
  redemptionId: entityIdSchema,
  points,
  reward: labelSchema,
  orderId: entityIdSchema.optional(),
});

export const PointsRedeemed = defineEvent({
  type: 'PointsRedeemed',
  family: 'loyalty',
  version: 2,
  description:
    'Points were spent on a reward, taken from the lots listed (empty only for redemptions recorded at v1, which did not say).',
  schema: redeemedV1.extend({ lots: z.array(lotShareSchema).max(10_000), cause: pointsCauseSchema }),
});

const expiredV1 = z.strictObject({ programId: labelSchema, points, earningId: entityIdSchema.optional() });

export const PointsExpired = defineEvent({
  type: 'PointsExpired',
  family: 'loyalty',
  version: 2,
  description:
    'What remained of the listed lots reached its expiry date unspent (lots empty only for a v1 event that named none).',
  schema: z.strictObject({
    programId: labelSchema,
    points,
    lots: z.array(lotShareSchema).max(10_000),
    cause: pointsCauseSchema,
  }),
});

const reversedV1 = z.strictObject({
  programId: labelSchema,
  points,
  earningId: entityIdSchema.optional(),
  orderId: entityIdSchema.optional(),
  reason: personal(textSchema(500).min(1), 'free-text'),
});

export const PointsReversed = defineEvent({
  type: 'PointsReversed',
  family: 'loyalty',
  version: 2,
  description:
    "Points earned were taken back for a refund: `fromLot` from the earning's lot, the `shortfall` (points already spent) as a negative balance or as debt, per `shortfallAs`.",
  schema: reversedV1.extend({
    refundId: entityIdSchema,
    fromLot: share,
    shortfall: share,
    shortfallAs: negativeBalancePolicySchema,
    cause: pointsCauseSchema,
  }),
});

const adjustedV1 = z.strictObject({
  programId: labelSchema,
  points: z
    .number()
    .int()
    .min(-MAX_POINTS)
    .max(MAX_POINTS)
    .refine((n) => n !== 0, { error: 'must not be zero' }),
  reason: personal(textSchema(500).min(1), 'free-text'),
  adjustedBy: labelSchema.optional(),
});

export const PointsAdjusted = defineEvent({
  type: 'PointsAdjusted',
  family: 'loyalty',
  version: 2,
  description:
    'Staff corrected a balance by hand, with a reason; `points` may be negative (taken from the lots listed), a credit is a lot of its own that expires at `expiresAt` (never when absent).',
  schema: adjustedV1.extend({
    adjustmentId: entityIdSchema,
    adjustedBy: labelSchema,
    lots: z.array(lotShareSchema).max(10_000),
    expiresAt: timestampSchema.optional(),
    cause: pointsCauseSchema,
  }),
});

const tierChangedV1 = z.strictObject({
  programId: labelSchema,
  from: labelSchema.optional(),
  to: labelSchema,
  reason: personal(textSchema(500), 'free-text').optional(),
});

export const TierChanged = defineEvent({
  type: 'TierChanged',
  family: 'loyalty',
  version: 2,
  description:
    "The customer's loyalty tier changed, for a kind of reason, on the basis the program (at `programVersion`) measured.",
  schema: tierChangedV1.extend({
    programVersion,
    reasonKind: tierReasonKindSchema,
    basis: z.array(tierBasisSchema).max(20),
    cause: pointsCauseSchema,
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

/** Program version 1 stands for "before programs were versioned": v1 events named none. */
const LEGACY_PROGRAM = 1;
/** A v1 event's own stand-in id: v1 reversals and adjustments had none, and no v2 event is given one like it. */
const legacyId = (kind: string, occurredAt: string) =>
  `v1.${kind}.${occurredAt.replace(/[^0-9A-Za-z]/g, '')}`;

/**
 * The upcasters from each loyalty event's v1, which `touchpointRegistry` applies on read. Where v1 did not record a
 * fact v2 requires, the value says so rather than inventing one: lots `[]` (not recorded), program version 1, the
 * `debt` policy (it never shows a negative balance), actor `unrecorded`, reason kind `manual_one_off` with no basis.
 */
export const loyaltyUpcasters = [
  defineUpcaster({
    type: 'LoyaltyEnrolled',
    fromVersion: 1,
    schema: enrolledV1,
    up: (data) => ({ ...data, programVersion: LEGACY_PROGRAM, negativeBalancePolicy: 'debt' as const }),
  }),
  defineUpcaster({
    type: 'PointsEarned',
    fromVersion: 1,
    schema: earnedV1,
    up: ({ pendingUntil, orderId, ...data }, metadata) => ({
      ...data,
      programVersion: LEGACY_PROGRAM,
      breakdown: [{ rule: data.rule, points: data.points }],
      availableAt: pendingUntil ?? metadata.occurredAt,
      debtRecovered: 0,
      cause: orderId === undefined ? {} : { orderId },
    }),
  }),
  defineUpcaster({
    type: 'PointsRedeemed',
    fromVersion: 1,
    schema: redeemedV1,
    up: (data) => ({ ...data, lots: [], cause: {} }),
  }),
  defineUpcaster({
    type: 'PointsExpired',
    fromVersion: 1,
    schema: expiredV1,
    up: ({ earningId, ...data }) => ({
      ...data,
      lots: earningId === undefined ? [] : [{ earningId, points: data.points }],
      cause: {},
    }),
  }),
  defineUpcaster({
    type: 'PointsReversed',
    fromVersion: 1,
    schema: reversedV1,
    up: (data, metadata) => ({
      ...data,
      refundId: legacyId('refund', metadata.occurredAt),
      fromLot: data.points,
      shortfall: 0,
      shortfallAs: 'debt' as const,
      cause: data.orderId === undefined ? {} : { orderId: data.orderId },
    }),
  }),
  defineUpcaster({
    type: 'PointsAdjusted',
    fromVersion: 1,
    schema: adjustedV1,
    up: (data, metadata) => ({
      ...data,
      adjustmentId: legacyId('adjustment', metadata.occurredAt),
      adjustedBy: data.adjustedBy ?? 'unrecorded',
      lots: [],
      cause: {},
    }),
  }),
  defineUpcaster({
    type: 'TierChanged',
    fromVersion: 1,
    schema: tierChangedV1,
    up: (data) => ({
      ...data,
      programVersion: LEGACY_PROGRAM,
      reasonKind: 'manual_one_off' as const,
      basis: [],
      cause: {},
    }),
  }),
];
