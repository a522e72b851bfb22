import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import { entityIdSchema, labelSchema, textSchema } from '../schema/primitives';

export const TicketOpened = defineEvent({
  type: 'TicketOpened',
  family: 'service',
  version: 1,
  description: 'A support ticket was opened for the customer.',
  schema: z.strictObject({
    ticketId: entityIdSchema,
    category: labelSchema,
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    product: labelSchema.optional(),
    subject: personal(textSchema(500), 'free-text').optional(),
  }),
});

export const TicketResolved = defineEvent({
  type: 'TicketResolved',
  family: 'service',
  version: 1,
  description: 'A support ticket was resolved.',
  schema: z.strictObject({
    ticketId: entityIdSchema,
    resolution: labelSchema,
    note: personal(textSchema(2000), 'free-text').optional(),
  }),
});

export const ComplaintFiled = defineEvent({
  type: 'ComplaintFiled',
  family: 'service',
  version: 1,
  description: 'The customer complained, about a product or the service.',
  schema: z.strictObject({
    complaintId: entityIdSchema,
    product: labelSchema.optional(),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    description: personal(textSchema(5000), 'free-text').optional(),
  }),
});

export const ComplaintResolved = defineEvent({
  type: 'ComplaintResolved',
  family: 'service',
  version: 1,
  description: 'A complaint was closed with an outcome.',
  schema: z.strictObject({
    complaintId: entityIdSchema,
    outcome: z.enum(['repaired', 'replaced', 'refunded', 'rejected', 'other']),
    note: personal(textSchema(2000), 'free-text').optional(),
  }),
});

export const serviceEvents = [TicketOpened, TicketResolved, ComplaintFiled, ComplaintResolved] as const;
