import { describe, expect, it } from 'vitest';
import { createFakeStore } from './fakeStore';

const event = (n: number, day = '01') => ({
  type: 'Happened',
  data: { n },
  metadata: { occurredAt: `2025-01-${day}T00:00:00Z` },
});
const numbers = (events: readonly { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);

describe('reading a stream in pages', () => {
  it('reads a long stream through small pages both ways', async () => {
    const { store } = createFakeStore({ pageSize: 3 });
    await store.appendToStream(
      's',
      Array.from({ length: 10 }, (_, n) => event(n)),
    );
    const forwards = await store.readStream('s');
    expect(numbers(forwards.events)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(forwards.revision).toBe(9n);
    expect(numbers((await store.readStream('s', { direction: 'backwards' })).events)).toEqual([
      9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ]);
    expect(numbers((await store.readStream('s', { fromRevision: 4n, maxCount: 5 })).events)).toEqual([
      4, 5, 6, 7, 8,
    ]);
  });

  it('reads backwards from a revision past the end as from the end (the server would return nothing)', async () => {
    const { store } = createFakeStore();
    await store.appendToStream('s', [event(0), event(1), event(2)]);
    const read = await store.readStream('s', { direction: 'backwards', fromRevision: 50n, maxCount: 2 });
    expect(numbers(read.events)).toEqual([2, 1]);
    expect(read.revision).toBe(2n);
  });

  it('counts maxCount after the event-time filter and still reports the stream revision', async () => {
    const { store } = createFakeStore({ pageSize: 2 });
    await store.appendToStream('s', [
      event(0, '01'),
      event(1, '09'),
      event(2, '02'),
      event(3, '08'),
      event(4, '03'),
    ]);
    const read = await store.readStream('s', { until: '2025-01-05T00:00:00Z', maxCount: 2 });
    expect(numbers(read.events)).toEqual([0, 2]);
    expect(read.revision).toBe(4n);
  });

  it('reads a missing stream as empty', async () => {
    const { store } = createFakeStore();
    for (const options of [{}, { direction: 'backwards' as const }, { fromRevision: 3n, maxCount: 1 }]) {
      expect(await store.readStream('nothing', options)).toEqual({
        streamId: 'nothing',
        exists: false,
        revision: undefined,
        events: [],
      });
    }
  });
});
