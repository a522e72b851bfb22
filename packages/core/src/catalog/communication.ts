import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import { channelSchema, entityIdSchema, labelSchema, textSchema } from '../schema/primitives';

export const MessageSent = defineEvent({
  type: 'MessageSent',
  family: 'communication',
  version: 1,
  description: 'The business sent the customer a message on a channel, from a template, campaign or trigger.',
  schema: z.strictObject({
    messageId: entityIdSchema,
    channel: channelSchema,
    subject: personal(textSchema(500), 'free-text').optional(),
    templateId: labelSchema.optional(),
    campaignId: labelSchema.optional(),
    triggerId: labelSchema.optional(),
    threadId: entityIdSchema.optional(),
  }),
});

export const MessageReceived = defineEvent({
  type: 'MessageReceived',
  family: 'communication',
  version: 1,
  description: 'The customer sent the business a message; `inReplyTo` links it to one of ours.',
  schema: z.strictObject({
    messageId: entityIdSchema,
    channel: channelSchema,
    subject: personal(textSchema(500), 'free-text').optional(),
    body: personal(textSchema(20_000), 'free-text').optional(),
    threadId: entityIdSchema.optional(),
    inReplyTo: entityIdSchema.optional(),
  }),
});

export const MessageOpened = defineEvent({
  type: 'MessageOpened',
  family: 'communication',
  version: 1,
  description: 'The customer opened one of our messages.',
  schema: z.strictObject({ messageId: entityIdSchema, channel: channelSchema }),
});

export const LinkClicked = defineEvent({
  type: 'LinkClicked',
  family: 'communication',
  version: 1,
  description: 'The customer clicked a link in one of our messages.',
  schema: z.strictObject({
    messageId: entityIdSchema,
    channel: channelSchema,
    url: personal(z.url(), 'identifier'),
    campaignId: labelSchema.optional(),
  }),
});

export const CallLogged = defineEvent({
  type: 'CallLogged',
  family: 'communication',
  version: 1,
  description: 'A phone call with the customer, inbound or outbound, with its purpose and outcome.',
  schema: z.strictObject({
    callId: entityIdSchema,
    direction: z.enum(['inbound', 'outbound']),
    durationSeconds: z.number().int().min(0).max(86_400),
    purpose: z.enum(['sales', 'service', 'support', 'collection', 'other']),
    outcome: z.enum(['connected', 'voicemail', 'no_answer', 'busy', 'resolved', 'follow_up_needed']),
    agent: labelSchema.optional(),
    summary: personal(textSchema(5000), 'free-text').optional(),
  }),
});

export const MeetingHeld = defineEvent({
  type: 'MeetingHeld',
  family: 'communication',
  version: 1,
  description: 'A meeting with the customer took place.',
  schema: z.strictObject({
    meetingId: entityIdSchema,
    subject: personal(textSchema(500), 'free-text').optional(),
    durationMinutes: z.number().int().min(0).max(1440),
    location: personal(textSchema(200), 'contact').optional(),
    attendees: z.array(personal(labelSchema, 'identifier')).max(50).optional(),
  }),
});

export const NoteAdded = defineEvent({
  type: 'NoteAdded',
  family: 'communication',
  version: 1,
  description: 'A member of staff wrote a note on the customer record.',
  schema: z.strictObject({
    noteId: entityIdSchema,
    body: personal(textSchema(20_000).min(1), 'free-text'),
    author: labelSchema.optional(),
  }),
});

export const communicationEvents = [
  MessageSent,
  MessageReceived,
  MessageOpened,
  LinkClicked,
  CallLogged,
  MeetingHeld,
  NoteAdded,
] as const;
