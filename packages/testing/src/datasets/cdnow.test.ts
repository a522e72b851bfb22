import { createInMemoryEventStore } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { cdnowEvents, loadCdnowTransactions } from './cdnow';

describe('the shipped CDNOW dataset', () => {
  it('parses the master file with the counts and totals its README states', () => {
    const rows = loadCdnowTransactions('master');
    expect(rows).toHaveLength(69_659);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(23_570);
    expect(rows.reduce((sum, r) => sum + r.cds, 0)).toBe(167_881);
    expect(rows.filter((r) => r.cents === 0)).toHaveLength(80);
    const dates = rows.map((r) => r.date).sort();
    expect([dates[0], dates.at(-1)]).toEqual(['1997-01-01', '1998-06-30']);
  });

  it('parses the sample, whose rows all appear in the master file', () => {
    const sample = loadCdnowTransactions('sample');
    expect(sample).toHaveLength(6_919);
    expect(sample.reduce((sum, r) => sum + r.cds, 0)).toBe(16_479);
    const master = new Set(
      loadCdnowTransactions('master').map((r) => `${r.customerId} ${r.date} ${r.cds} ${r.cents}`),
    );
    expect(sample.every((r) => master.has(`${r.customerId} ${r.date} ${r.cds} ${r.cents}`))).toBe(true);
  });

  it('becomes valid touchpoints in event-time order that the store accepts', async () => {
    const events = cdnowEvents(loadCdnowTransactions('sample'));
    expect(events).toHaveLength(6_919 + 2_357);
    const times = events.map((e) => e.event.metadata!.occurredAt as string);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    const store = createInMemoryEventStore();
    for (let i = 0; i < events.length; i += 500) {
      const batch = events.slice(i, i + 500);
      const byStream = new Map<string, typeof batch>();
      for (const item of batch) byStream.set(item.streamId, [...(byStream.get(item.streamId) ?? []), item]);
      await store.appendToStreams(
        [...byStream].map(([streamId, items]) => ({ streamId, events: items.map((x) => x.event) })),
      );
    }
    expect(await store.headPosition()).toBe(BigInt(events.length));
    const cents = events.reduce((sum, e) => sum + ((e.event.data as { total?: number }).total ?? 0), 0);
    expect(cents).toBe(loadCdnowTransactions('sample').reduce((sum, r) => sum + r.cents, 0));
  });
});
