import { readFileSync } from 'node:fs';
import { createInMemoryEventStore } from '@rapport/core';
import { foldProjection } from '@rapport/projections';
import { cdnowDirectory, cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { profileProjection } from './profileProjection';

const dayMs = 86_400_000;
const end = '1998-06-30T23:59:59.999Z';

/** Per-customer sums read straight from the raw file (a second, independent parse). */
const expectedFromFile = (customers: number) => {
  const sums = new Map<string, { orders: number; cents: number; cds: number; first: number; last: number }>();
  const text = readFileSync(`${cdnowDirectory()}CDNOW_sample.txt`, 'latin1');
  for (const line of text.split('\n')) {
    const [id, sample, date, cds, dollars] = line.trim().split(/\s+/);
    if (id === undefined || sample === undefined || Number(sample) > customers) continue;
    const [whole, cents] = dollars!.split('.');
    const day = Number(date);
    const row = sums.get(id) ?? { orders: 0, cents: 0, cds: 0, first: day, last: day };
    sums.set(id, {
      orders: row.orders + 1,
      cents: row.cents + Number(whole) * 100 + Number(cents),
      cds: row.cds + Number(cds),
      first: Math.min(day, row.first),
      last: Math.max(day, row.last),
    });
  }
  return sums;
};

const noon = (day: number) => {
  const yyyymmdd = String(day);
  return Date.parse(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}T12:00:00.000Z`);
};

describe('given the first 500 customers of the CDNOW sample', () => {
  it('orders, spend, units and purchase dates per customer equal the sums from the file', async () => {
    const expected = expectedFromFile(500);
    const transactions = loadCdnowTransactions('sample').filter((t) => expected.has(t.customerId));
    const store = createInMemoryEventStore();
    for (const { streamId, event } of cdnowEvents(transactions))
      await store.appendToStream(streamId, [event]);
    const { events } = await store.readAll({ maxCount: 100_000 });
    const profiles = foldProjection(profileProjection, events, { until: end }).documents;

    expect(expected.size).toBe(500);
    expect(profiles.size).toBe(500);
    for (const [id, sums] of expected) {
      const profile = profiles.get(id)!;
      expect(profile.commerce?.orders).toBe(sums.orders);
      expect(profile.commerce?.spent).toEqual({ USD: { orders: sums.orders, gross: sums.cents } });
      expect(profile.commerce?.categories?.music ?? 0).toBe(sums.cds);
      expect(profile.commerce?.firstPurchaseAt).toBe(noon(sums.first));
      expect(profile.commerce?.lastPurchaseAt).toBe(noon(sums.last));
      const idle = Date.parse(end) - noon(sums.last);
      const stage = profile.stage;
      expect(stage === 'lapsed').toBe(idle >= 180 * dayMs);
      expect(stage === 'atRisk').toBe(idle >= 90 * dayMs && idle < 180 * dayMs);
    }
    const total = [...expected.values()].reduce((sum, s) => sum + s.cents, 0);
    const folded = [...profiles.values()].reduce((sum, p) => sum + (p.commerce?.spent.USD?.gross ?? 0), 0);
    expect(folded).toBe(total);
  }, 30_000);
});
