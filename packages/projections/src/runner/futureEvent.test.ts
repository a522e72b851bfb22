import { createFakeClock, createInMemoryEventStore, maxTimerMs, type RecordedEvent } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { recorded, type Tally, tallyProjection } from '../test/fixtures';
import { foldSnapshot, minute, snapshot, startAtHead } from '../test/harness';

const DAY = 86_400_000;
const touched = (key: string, at: string, data: Record<string, unknown> = {}) => ({
  type: 'Touched',
  data,
  metadata: { customerId: key, occurredAt: at },
});

describe('given one event dated far ahead of the time it was recorded', () => {
  it('moves event time no further than its record time plus the tolerance, so no other customer lapses', async () => {
    const clock = createFakeClock(minute(0));
    // a store that lets a 15-day lead through, as a log written before the append rule, or by another tool, may hold
    const store = createInMemoryEventStore({ registry: false, clock, futureToleranceMs: 20 * DAY });
    await store.appendToStream('doc-a', [touched('a', minute(0), { remindInMs: 10 * DAY, timer: 'lapse' })]);
    await store.appendToStream('doc-b', [
      touched('b', new Date(Date.parse(minute(0)) + 15 * DAY).toISOString()),
    ]);
    const readModels = createInMemoryReadModelStore({ freeze: true });
    const runner = await startAtHead({ projection: tallyProjection(), eventStore: store, readModels, clock });
    const a = async () => (await readModels.get('tally_v1', 'a')) as unknown as Tally;
    expect((await a()).fired).toEqual([]);
    expect(runner.status().watermark! <= minute(5)).toBe(true);

    // the clock, not the bad event, brings a's reminder due
    clock.advance(10 * DAY);
    await runner.tick();
    expect((await a()).fired).toEqual([`lapse@${new Date(Date.parse(minute(0)) + 10 * DAY).toISOString()}`]);
    // a fold as of a time holds the events that occurred by then: past b's date, it holds what the runner holds
    clock.advance(6 * DAY);
    await runner.tick();
    await runner.stop();

    const events = (await store.readAll()).events;
    expect(foldSnapshot(foldProjection(tallyProjection(), events, { until: clock.now() }))).toEqual(
      await snapshot(readModels, 'tally_v1'),
    );
  });

  it('in a fold, caps the watermark at the record time plus the tolerance it is given', () => {
    const bought = recorded(1, 'Touched', 'a', minute(0), { remindInMs: 10 * DAY, timer: 'lapse' });
    const typo: RecordedEvent = {
      ...recorded(2, 'Touched', 'b', minute(1)),
      metadata: {
        ...recorded(2, 'Touched', 'b', minute(1)).metadata,
        occurredAt: '2062-03-02T00:00:00.000Z',
      },
    };
    const folded = foldProjection(tallyProjection(), [bought, typo]);
    expect(folded.watermark).toBe(minute(6));
    expect((folded.documents.get('a') as Tally).fired).toEqual([]);
    // b's own state still says what its event says
    expect((folded.documents.get('b') as Tally).count).toBe(1);

    const lenient = foldProjection(tallyProjection(), [bought, typo], { futureToleranceMs: maxTimerMs });
    expect(lenient.watermark).toBe(new Date(Date.parse(minute(1)) + maxTimerMs).toISOString());
    expect((lenient.documents.get('a') as Tally).fired).toHaveLength(1);
    expect(() => foldProjection(tallyProjection(), [], { futureToleranceMs: -1 })).toThrow(
      'futureToleranceMs: must be an integer from 0 to 2147483647',
    );
  });
});
