import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import {
  acquisitionSourceSchema,
  calendarDateSchema,
  currencySchema,
  customerIdSchema,
  emailEntrySchema,
  entityIdSchema,
  labelSchema,
  languageSchema,
  minorUnitsSchema,
  monthDaySchema,
  personNameSchema,
  phoneEntrySchema,
  postalAddressSchema,
  socialProfileSchema,
  textSchema,
  timestampSchema,
  timeZoneSchema,
} from '../schema/primitives';

/** The contact fields a customer record holds; every list replaces the previous list when changed. */
export const contactFieldsSchema = z.strictObject({
  name: personNameSchema.optional(),
  company: personal(labelSchema, 'identifier').optional(),
  jobTitle: personal(labelSchema, 'demographic').optional(),
  emails: z.array(emailEntrySchema).max(20).optional(),
  phones: z.array(phoneEntrySchema).max(20).optional(),
  addresses: z.array(postalAddressSchema).max(20).optional(),
  website: personal(z.url(), 'contact').optional(),
  socialProfiles: z.array(socialProfileSchema).max(20).optional(),
  language: languageSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

/** A day of the year with or without the year. */
const anniversarySchema = z.union([calendarDateSchema, monthDaySchema]);

export const CustomerRegistered = defineEvent({
  type: 'CustomerRegistered',
  family: 'identity',
  version: 1,
  description: 'A person or company became known to the business, as a prospect or as a customer.',
  schema: contactFieldsSchema.extend({
    kind: z.enum(['prospect', 'customer']),
    acquisition: acquisitionSourceSchema.optional(),
  }),
});

export const ContactDetailsChanged = defineEvent({
  type: 'ContactDetailsChanged',
  family: 'contact',
  version: 1,
  description:
    'Some contact fields changed (name, title, emails, phones, addresses, website, social profiles, language, time zone); the rest stay as they were.',
  schema: z.strictObject({
    changes: contactFieldsSchema,
    reason: personal(textSchema(500), 'free-text').optional(),
  }),
});

export const PersonalDetailsRecorded = defineEvent({
  type: 'PersonalDetailsRecorded',
  family: 'contact',
  version: 1,
  description:
    'Personal details learned about the customer: birthday, anniversary, family, hobbies, memberships.',
  schema: z.strictObject({
    birthday: personal(anniversarySchema, 'demographic').optional(),
    anniversary: personal(anniversarySchema, 'demographic').optional(),
    familyMembers: z
      .array(
        z.strictObject({
          relation: z.enum(['spouse', 'partner', 'child', 'parent', 'sibling', 'other']),
          name: personal(z.string().max(200)).optional(),
          birthday: personal(anniversarySchema, 'demographic').optional(),
        }),
      )
      .max(50)
      .optional(),
    hobbies: z.array(personal(labelSchema, 'demographic')).max(50).optional(),
    memberships: z
      .array(
        z.strictObject({
          group: personal(labelSchema, 'demographic'),
          role: personal(labelSchema, 'demographic').optional(),
          since: calendarDateSchema.optional(),
        }),
      )
      .max(50)
      .optional(),
  }),
});

export const CustomAttributeSet = defineEvent({
  type: 'CustomAttributeSet',
  family: 'contact',
  version: 1,
  description: 'A business-defined attribute was set on the customer; null clears it.',
  schema: z.strictObject({
    key: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/, { error: 'must be a key of letters, digits, _ . - (max 64)' }),
    value: personal(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]), 'free-text'),
  }),
});

export const TagAdded = defineEvent({
  type: 'TagAdded',
  family: 'contact',
  version: 1,
  description: 'A tag was put on the customer.',
  schema: z.strictObject({ tag: personal(labelSchema, 'free-text') }),
});

export const TagRemoved = defineEvent({
  type: 'TagRemoved',
  family: 'contact',
  version: 1,
  description: 'A tag was taken off the customer.',
  schema: z.strictObject({ tag: personal(labelSchema, 'free-text') }),
});

export const ProspectConverted = defineEvent({
  type: 'ProspectConverted',
  family: 'identity',
  version: 1,
  description: 'A prospect became a customer, usually by a first purchase.',
  schema: z.strictObject({ orderId: entityIdSchema.optional() }),
});

/** How much of one SKU an order bought, and how much of it returns have brought back. */
export const transferredSkuSchema = z.strictObject({
  sku: labelSchema,
  bought: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  returned: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * An order's refundable balance carried over to the surviving record by a merge, with when it was placed and what
 * is left to return of each SKU on it. Events recorded before merges carried `orderedAt` and `skus` lack them: the
 * order is then refundable as before, but refunds are not checked against its date, nor returns against its SKUs.
 */
export const transferredOrderSchema = z.strictObject({
  orderId: entityIdSchema,
  total: minorUnitsSchema,
  refunded: minorUnitsSchema,
  currency: currencySchema,
  orderedAt: timestampSchema.optional(),
  skus: z.array(transferredSkuSchema).max(1000).optional(),
});

/** An invoice's open balance carried over to the surviving record by a merge. */
export const transferredInvoiceSchema = z.strictObject({
  invoiceId: entityIdSchema,
  amount: minorUnitsSchema,
  paid: minorUnitsSchema,
  currency: currencySchema,
});

/** What a merge hands over, or an unmerge gives back: refundable orders, open invoices, and open tickets and complaints (by id). */
export const transferredSchema = z.strictObject({
  orders: z.array(transferredOrderSchema),
  invoices: z.array(transferredInvoiceSchema),
  openTickets: z.array(entityIdSchema).optional(),
  openComplaints: z.array(entityIdSchema).optional(),
});

export const CustomersMerged = defineEvent({
  type: 'CustomersMerged',
  family: 'identity',
  version: 1,
  description:
    'Recorded on the surviving customer: it absorbed a duplicate record, taking over its open orders, invoices, tickets and complaints.',
  schema: z.strictObject({
    absorbedId: customerIdSchema,
    transferred: transferredSchema,
  }),
});

export const CustomerMergedInto = defineEvent({
  type: 'CustomerMergedInto',
  family: 'identity',
  version: 1,
  description:
    'Recorded on the absorbed customer: this record is closed and lives on as part of the survivor.',
  schema: z.strictObject({ survivorId: customerIdSchema }),
});

export const CustomersUnmerged = defineEvent({
  type: 'CustomersUnmerged',
  family: 'identity',
  version: 1,
  description:
    'Recorded on the surviving customer: a merge is undone. The record gives back what came from the absorbed record (its orders and invoices with their balances as they are now, and those of its tickets and complaints still open); facts recorded on the survivor meanwhile stay on it.',
  schema: z.strictObject({
    absorbedId: customerIdSchema,
    returned: transferredSchema,
    reason: personal(textSchema(500), 'free-text').optional(),
  }),
});

export const CustomerRestored = defineEvent({
  type: 'CustomerRestored',
  family: 'identity',
  version: 1,
  description:
    'Recorded on a customer that had been merged into another, after the survivor gave it back: the record is active again, with the status it had before the merge and the orders, invoices, tickets and complaints returned to it.',
  schema: z.strictObject({
    survivorId: customerIdSchema,
    status: z.enum(['prospect', 'customer']),
    returned: transferredSchema,
  }),
});

export const CustomerForgotten = defineEvent({
  type: 'CustomerForgotten',
  family: 'identity',
  version: 1,
  description:
    "The customer's personal data must be erased (right to erasure); non-personal facts remain for aggregates.",
  schema: z.strictObject({
    reason: z.enum(['subject_request', 'retention_policy', 'legal_obligation', 'other']),
    requestedBy: labelSchema.optional(),
  }),
});

export const identityEvents = [
  CustomerRegistered,
  ContactDetailsChanged,
  PersonalDetailsRecorded,
  CustomAttributeSet,
  TagAdded,
  TagRemoved,
  ProspectConverted,
  CustomersMerged,
  CustomerMergedInto,
  CustomersUnmerged,
  CustomerRestored,
  CustomerForgotten,
] as const;
