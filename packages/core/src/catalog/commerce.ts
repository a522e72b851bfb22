import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import {
  currencySchema,
  entityIdSchema,
  labelSchema,
  minorUnitsSchema,
  quantitySchema,
  textSchema,
} from '../schema/primitives';

/** How an order was paid. */
export const paymentMethodSchema = z.enum([
  'cash',
  'card',
  'check',
  'paypal',
  'bank_transfer',
  'on_credit',
  'gift_card',
  'loyalty_points',
  'other',
]);

/** One line of an order; `unitPrice` is in minor units of the order currency. */
export const orderLineSchema = z.strictObject({
  sku: labelSchema,
  name: z.string().max(200).optional(),
  category: labelSchema.optional(),
  quantity: quantitySchema,
  unitPrice: minorUnitsSchema.optional(),
});

export const PurchaseCompleted = defineEvent({
  type: 'PurchaseCompleted',
  family: 'commerce',
  version: 1,
  description: 'The customer bought something. Amounts are integer minor units of `currency`.',
  schema: z.strictObject({
    orderId: entityIdSchema,
    lines: z.array(orderLineSchema).max(1000),
    total: minorUnitsSchema,
    currency: currencySchema,
    discount: minorUnitsSchema.optional(),
    tax: minorUnitsSchema.optional(),
    shipping: minorUnitsSchema.optional(),
    paymentMethod: paymentMethodSchema,
    storeId: entityIdSchema.optional(),
    promotionCodes: z.array(labelSchema).max(20).optional(),
  }),
});

/** Why goods came back or money was returned. */
export const refundReasonSchema = z.enum([
  'defective',
  'not_as_described',
  'wrong_item',
  'changed_mind',
  'late_delivery',
  'duplicate_charge',
  'goodwill',
  'other',
]);

export const OrderRefunded = defineEvent({
  type: 'OrderRefunded',
  family: 'commerce',
  version: 1,
  description:
    'All or part of an order was returned (`kind: return`, goods came back) or refunded without a return.',
  schema: z.strictObject({
    orderId: entityIdSchema,
    refundId: entityIdSchema,
    kind: z.enum(['return', 'refund']),
    amount: minorUnitsSchema,
    currency: currencySchema,
    lines: z
      .array(z.strictObject({ sku: labelSchema, quantity: quantitySchema }))
      .max(1000)
      .optional(),
    reason: refundReasonSchema,
    note: personal(textSchema(1000), 'free-text').optional(),
  }),
});

export const commerceEvents = [PurchaseCompleted, OrderRefunded] as const;
