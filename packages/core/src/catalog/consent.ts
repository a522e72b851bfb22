import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import {
  channelSchema,
  labelSchema,
  textSchema,
  timeOfDaySchema,
  timestampSchema,
  timeZoneSchema,
} from '../schema/primitives';

/** Why the business may contact the customer. */
export const consentPurposeSchema = z.enum([
  'marketing',
  'service',
  'transactional',
  'profiling',
  'third_party',
  'research',
]);

export const ConsentGranted = defineEvent({
  type: 'ConsentGranted',
  family: 'consent',
  version: 1,
  description: 'The customer agreed to be contacted on a channel for a purpose.',
  schema: z.strictObject({
    channel: channelSchema,
    purpose: consentPurposeSchema,
    proof: personal(textSchema(500), 'free-text').optional(),
    expiresAt: timestampSchema.optional(),
  }),
});

export const ConsentWithdrawn = defineEvent({
  type: 'ConsentWithdrawn',
  family: 'consent',
  version: 1,
  description: 'The customer withdrew consent for a channel and purpose.',
  schema: z.strictObject({
    channel: channelSchema,
    purpose: consentPurposeSchema,
    reason: personal(textSchema(500), 'free-text').optional(),
  }),
});

export const ContactPreferencesSet = defineEvent({
  type: 'ContactPreferencesSet',
  family: 'consent',
  version: 1,
  description:
    'How the customer likes to be contacted: preferred channel, quiet hours, time zone, frequency.',
  schema: z.strictObject({
    preferredChannel: channelSchema.optional(),
    quietHours: z.strictObject({ start: timeOfDaySchema, end: timeOfDaySchema }).optional(),
    timeZone: timeZoneSchema.optional(),
    maxMessagesPerWeek: z.number().int().min(0).max(100).optional(),
    topics: z.array(labelSchema).max(50).optional(),
  }),
});

export const consentEvents = [ConsentGranted, ConsentWithdrawn, ContactPreferencesSet] as const;
