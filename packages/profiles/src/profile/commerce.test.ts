import { describe, expect, it } from 'vitest';
import { createHistory, ms, profileOf, purchase } from '../__fixtures__/events';
import {
  averageOrderValue,
  favouriteCategories,
  netSpent,
  purchaseFrequencyDays,
  refundShare,
} from './selectors';

describe('commerce', () => {
  const history = () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'prospect' }, '2025-01-01T00:00:00Z');
    event('ProspectConverted', { orderId: 'o1' }, '2025-01-05T10:00:00Z');
    event(
      'PurchaseCompleted',
      purchase('o1', 3000, {
        lines: [
          { sku: 'jazz-1', category: 'jazz', quantity: 2, unitPrice: 1000 },
          { sku: 'rock-1', category: 'rock', quantity: 1, unitPrice: 1000 },
        ],
      }),
      '2025-01-05T10:00:00Z',
    );
    event(
      'PurchaseCompleted',
      purchase('o2', 1001, {
        paymentMethod: 'paypal',
        lines: [{ sku: 'jazz-2', category: 'jazz', quantity: 1 }],
      }),
      '2025-01-15T10:00:00Z',
    );
    event('PurchaseCompleted', purchase('o3', 2000), '2025-01-25T10:00:00Z');
    event('PurchaseCompleted', purchase('o4', 9900, { currency: 'EUR' }), '2025-01-20T10:00:00Z');
    event(
      'OrderRefunded',
      { orderId: 'o1', refundId: 'r1', kind: 'return', amount: 1000, currency: 'USD', reason: 'defective' },
      '2025-01-26T10:00:00Z',
    );
    event(
      'OrderRefunded',
      { orderId: 'o4', refundId: 'r2', kind: 'refund', amount: 900, currency: 'EUR', reason: 'goodwill' },
      '2025-01-27T10:00:00Z',
    );
    return events;
  };

  it('counts orders and adds up spend per currency, gross and net of refunds', () => {
    const profile = profileOf(history());
    expect(profile.commerce).toMatchObject({
      orders: 4,
      spent: {
        USD: { orders: 3, gross: 6001, refunded: 1000 },
        EUR: { orders: 1, gross: 9900, refunded: 900 },
      },
      refunds: 2,
      returns: 1,
    });
    expect(netSpent(profile, 'USD')).toBe(5001);
    expect(netSpent(profile, 'GBP')).toBe(0);
    expect(averageOrderValue(profile, 'USD')).toBe(2000); // 6001 / 3 = 2000.33 → 2000
    expect(averageOrderValue(profile, 'EUR')).toBe(9900);
    expect(refundShare(profile, 'USD')).toBeCloseTo(1000 / 6001);
  });

  it('knows first and last purchase, purchase frequency, favourite categories and payment methods', () => {
    const profile = profileOf(history());
    expect(profile.commerce?.firstPurchaseAt).toBe(ms('2025-01-05T10:00:00Z'));
    expect(profile.commerce?.lastPurchaseAt).toBe(ms('2025-01-25T10:00:00Z'));
    expect(profile.commerce?.recentPurchases).toEqual([
      ms('2025-01-25T10:00:00Z'),
      ms('2025-01-20T10:00:00Z'),
      ms('2025-01-15T10:00:00Z'),
      ms('2025-01-05T10:00:00Z'),
    ]);
    expect(purchaseFrequencyDays(profile)).toBeCloseTo(20 / 3);
    expect(profile.commerce?.categories).toEqual({ jazz: 3, rock: 1 });
    expect(favouriteCategories(profile)).toEqual(['jazz', 'rock']);
    expect(profile.commerce?.paymentMethods).toEqual({ card: 3, paypal: 1 });
    expect(profile.customerSince).toBe(ms('2025-01-05T10:00:00Z'));
  });

  it('rounds the average order value half up with exact integer arithmetic', () => {
    const { event, events } = createHistory();
    event('PurchaseCompleted', purchase('a', Number.MAX_SAFE_INTEGER - 2), '2025-01-01T00:00:00Z');
    event('PurchaseCompleted', purchase('b', 1), '2025-01-02T00:00:00Z');
    // (2^53 - 2) / 2 = 2^52 - 1 exactly
    expect(averageOrderValue(profileOf(events), 'USD')).toBe(2 ** 52 - 1);
  });

  it('keeps at most the configured number of categories, dropping the smallest', () => {
    const { event, events } = createHistory();
    const lines = Array.from({ length: 25 }, (_, i) => ({
      sku: `s${i}`,
      category: `cat${i}`,
      quantity: i + 1,
    }));
    event('PurchaseCompleted', purchase('o1', 0, { lines }), '2025-01-01T00:00:00Z');
    const categories = profileOf(events).commerce?.categories ?? {};
    expect(Object.keys(categories)).toHaveLength(20);
    expect(categories.cat24).toBe(25);
    expect(categories.cat4).toBeUndefined();
  });
});
