import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import { currencySchema, entityIdSchema, labelSchema, minorUnitsSchema } from '../schema/primitives';
import { orderLineSchema } from './commerce';

/** Campaign tags carried on a visit (utm_* parameters). */
export const campaignTagsSchema = z.strictObject({
  source: labelSchema.optional(),
  medium: labelSchema.optional(),
  campaign: labelSchema.optional(),
  term: labelSchema.optional(),
  content: labelSchema.optional(),
});

export const SiteVisited = defineEvent({
  type: 'SiteVisited',
  family: 'web',
  version: 1,
  description: 'The customer viewed a page of the web site or app.',
  schema: z.strictObject({
    page: z.string().min(1).max(2000),
    sessionId: entityIdSchema.optional(),
    referrer: personal(z.string().max(2000), 'identifier').optional(),
    campaign: campaignTagsSchema.optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
  }),
});

export const SignedUp = defineEvent({
  type: 'SignedUp',
  family: 'web',
  version: 1,
  description: 'The customer signed up on the web site or app (account, newsletter, waitlist).',
  schema: z.strictObject({ form: labelSchema, campaign: campaignTagsSchema.optional() }),
});

export const CartAbandoned = defineEvent({
  type: 'CartAbandoned',
  family: 'web',
  version: 1,
  description: 'The customer left a non-empty cart without buying.',
  schema: z.strictObject({
    cartId: entityIdSchema,
    lines: z.array(orderLineSchema).min(1).max(1000),
    total: minorUnitsSchema,
    currency: currencySchema,
  }),
});

export const webEvents = [SiteVisited, SignedUp, CartAbandoned] as const;
