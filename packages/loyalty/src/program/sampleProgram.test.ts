import type { TouchpointData } from '@rapport/core';
import { cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { availableAt, expiresAt } from './availability';
import { earnForPurchase } from './earnForPurchase';
import { sampleProgram } from './sampleProgram';

describe('given the sample program and every purchase of the CDNOW sample', () => {
  it('each earns a point per whole dollar, at most 1,000 an order and 3,000 a calendar month, plus 100 on the first', () => {
    const purchases = cdnowEvents(loadCdnowTransactions('sample')).filter(
      ({ event }) => event.type === 'PurchaseCompleted',
    );
    const month = new Map<string, { key: string; points: number }>();
    let earning = 0;
    for (const { event } of purchases) {
      const { customerId, occurredAt } = event.metadata as { customerId: string; occurredAt: string };
      const data = event.data as TouchpointData<'PurchaseCompleted'>;
      const key = occurredAt.slice(0, 7);
      const seen = month.get(customerId);
      const earnedThisMonth = seen?.key === key ? seen.points : 0;
      const result = earnForPurchase(sampleProgram, data, {
        at: occurredAt,
        tier: 'member',
        earnedInPeriod: { month: earnedThisMonth },
        firstPurchase: seen === undefined,
      });
      const expected = Math.min(Math.floor(data.total / 100), 1000, 3000 - earnedThisMonth);
      expect(result.spendPoints).toBe(expected);
      expect(result.points).toBe(expected + (seen === undefined ? 100 : 0));
      expect(result.version).toBe(1);
      month.set(customerId, { key, points: earnedThisMonth + result.spendPoints });
      earning += result.spendPoints;
    }
    expect(purchases.length).toBeGreaterThan(6000);
    expect(earning).toBeGreaterThan(0);
  });

  it('points from a purchase unlock 30 days later and lapse at the end of the twelfth month after', () => {
    const unlock = availableAt(sampleProgram, '1997-01-20T12:00:00.000Z');
    expect(unlock).toBe('1997-02-19T12:00:00.000Z');
    expect(expiresAt(sampleProgram, unlock)).toBe('1998-03-01T00:00:00.000Z');
  });
});
