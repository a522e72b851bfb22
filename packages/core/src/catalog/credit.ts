import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import {
  calendarDateSchema,
  currencySchema,
  entityIdSchema,
  minorUnitsSchema,
  positiveMinorUnitsSchema,
} from '../schema/primitives';
import { paymentMethodSchema } from './commerce';

export const CreditTermsAgreed = defineEvent({
  type: 'CreditTermsAgreed',
  family: 'credit',
  version: 1,
  description:
    'The business extends credit: a limit on the open balance and the days allowed to pay an invoice.',
  schema: z.strictObject({
    limit: minorUnitsSchema,
    currency: currencySchema,
    paymentDays: z.number().int().min(0).max(365),
  }),
});

export const InvoiceIssued = defineEvent({
  type: 'InvoiceIssued',
  family: 'credit',
  version: 1,
  description:
    'An invoice was issued on credit; it is overdue from the day after `dueDate` (UTC) while unpaid.',
  schema: z.strictObject({
    invoiceId: entityIdSchema,
    orderId: entityIdSchema.optional(),
    amount: positiveMinorUnitsSchema,
    currency: currencySchema,
    dueDate: calendarDateSchema,
  }),
});

export const PaymentReceived = defineEvent({
  type: 'PaymentReceived',
  family: 'credit',
  version: 1,
  description: 'A payment was received against an invoice.',
  schema: z.strictObject({
    paymentId: entityIdSchema,
    invoiceId: entityIdSchema,
    amount: positiveMinorUnitsSchema,
    currency: currencySchema,
    method: paymentMethodSchema,
  }),
});

export const creditEvents = [CreditTermsAgreed, InvoiceIssued, PaymentReceived] as const;
