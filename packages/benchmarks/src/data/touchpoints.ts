import { customerStreamId, type EventToAppend } from '@rapport/core';
import { seededRandom } from './random';

/** One generated touchpoint and the stream it belongs to. */
export interface GeneratedTouchpoint {
  readonly streamId: string;
  readonly customerId: string;
  readonly event: EventToAppend;
}

/** How much history to generate. */
export interface HistoryShape {
  readonly customers: number;
  /** Events per customer, the registration included. */
  readonly eventsPerCustomer: number;
  readonly seed?: number;
}

const START = Date.UTC(2024, 0, 1);
const TAGS = ['vip', 'newsletter', 'b2b', 'churn-risk', 'student', 'wholesale', 'eu', 'us'];
const CATEGORIES = ['music', 'books', 'video', 'games', 'garden'];

/** The customer id of the `index`-th generated customer. */
export const customerIdOf = (index: number): string => `c${index}`;

/** The `sequence`-th event of a customer's history (0 is its registration), drawn from a CRM-like mix. */
const touchpoint = (
  customerId: string,
  sequence: number,
  random: () => number,
): { readonly type: string; readonly [field: string]: unknown } => {
  if (sequence === 0)
    return { type: 'CustomerRegistered', kind: 'customer', acquisition: { channel: 'web' } };
  const draw = random();
  if (draw < 0.25) {
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => ({
      sku: `sku-${Math.floor(random() * 500)}`,
      category: CATEGORIES[(sequence + n) % CATEGORIES.length]!,
      quantity: 1 + Math.floor(random() * 3),
      unitPrice: 199 + Math.floor(random() * 5000),
    }));
    const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    return {
      type: 'PurchaseCompleted',
      orderId: `${customerId}-o${sequence}`,
      lines,
      total,
      currency: 'USD',
      paymentMethod: 'card',
    };
  }
  if (draw < 0.55) return { type: 'SiteVisited', page: `/products/${Math.floor(random() * 1000)}` };
  if (draw < 0.7) {
    return {
      type: 'MessageSent',
      messageId: `${customerId}-m${sequence}`,
      channel: 'email',
      campaignId: 'spring',
    };
  }
  if (draw < 0.8)
    return { type: 'MessageOpened', messageId: `${customerId}-m${sequence - 1}`, channel: 'email' };
  if (draw < 0.85) {
    return {
      type: 'LinkClicked',
      messageId: `${customerId}-m${sequence - 2}`,
      channel: 'email',
      url: 'https://shop.example.com/spring',
    };
  }
  if (draw < 0.9) return { type: 'TagAdded', tag: TAGS[Math.floor(random() * TAGS.length)]! };
  if (draw < 0.95) return { type: 'ConsentGranted', channel: 'email', purpose: 'marketing' };
  return {
    type: 'CartAbandoned',
    cartId: `${customerId}-cart${sequence}`,
    lines: [{ sku: 'sku-1', quantity: 1, unitPrice: 999 }],
    total: 999,
    currency: 'USD',
  };
};

/**
 * A CRM-like history, valid against the touchpoint catalog: every customer registers, then gathers purchases,
 * visits, messages, tags and consents. Yields in global time order (customers interleaved), one event a second.
 */
export function* generateHistory(shape: HistoryShape): Generator<GeneratedTouchpoint> {
  const random = seededRandom(shape.seed ?? 42);
  let tick = 0;
  for (let sequence = 0; sequence < shape.eventsPerCustomer; sequence++) {
    for (let index = 0; index < shape.customers; index++) {
      const customerId = customerIdOf(index);
      const { type, ...data } = touchpoint(customerId, sequence, random);
      yield {
        streamId: customerStreamId(customerId),
        customerId,
        event: {
          type,
          data,
          metadata: {
            customerId,
            occurredAt: new Date(START + tick++ * 1000).toISOString(),
            channel: type === 'SiteVisited' || type === 'CustomerRegistered' ? 'web' : 'email',
            source: 'bench',
          },
        },
      };
    }
  }
}
