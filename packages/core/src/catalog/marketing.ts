import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import {
  currencySchema,
  entityIdSchema,
  labelSchema,
  minorUnitsSchema,
  textSchema,
} from '../schema/primitives';

export const CampaignResponded = defineEvent({
  type: 'CampaignResponded',
  family: 'marketing',
  version: 1,
  description: 'The customer responded to a campaign: clicked, converted (bought) or unsubscribed.',
  schema: z.strictObject({
    campaignId: labelSchema,
    response: z.enum(['clicked', 'converted', 'unsubscribed']),
    orderId: entityIdSchema.optional(),
  }),
});

export const PromotionRedeemed = defineEvent({
  type: 'PromotionRedeemed',
  family: 'marketing',
  version: 1,
  description: 'The customer used a promotion code or coupon.',
  schema: z.strictObject({
    promotionCode: labelSchema,
    orderId: entityIdSchema.optional(),
    discount: minorUnitsSchema.optional(),
    currency: currencySchema.optional(),
  }),
});

export const GiftSent = defineEvent({
  type: 'GiftSent',
  family: 'marketing',
  version: 1,
  description: 'The business sent the customer a gift.',
  schema: z.strictObject({
    giftId: entityIdSchema,
    description: personal(textSchema(500).min(1), 'free-text'),
    occasion: z.enum(['birthday', 'anniversary', 'loyalty', 'apology', 'welcome', 'other']),
    value: minorUnitsSchema.optional(),
    currency: currencySchema.optional(),
  }),
});

export const marketingEvents = [CampaignResponded, PromotionRedeemed, GiftSent] as const;
