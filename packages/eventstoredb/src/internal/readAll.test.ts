import { describe, expect, it } from 'vitest';
import { createFakeStore } from './fakeStore';

const event = (n: number, type = 'Happened') => ({ type, data: { n } });
const numbers = (events: readonly { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);

describe('reading $all', () => {
  it('pages through the log with bounded server reads, skipping system events, without gaps or repeats', async () => {
    const { store, gateway } = createFakeStore({ pageSize: 4 });
    for (let n = 0; n < 15; n++) await store.appendToStream(`s-${n % 3}`, [event(n)]);
    const seen: number[] = [];
    let after = 0n;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 5 });
      seen.push(...numbers(page.events));
      expect(page.events.every((e) => !e.type.startsWith('$') && !e.streamId.startsWith('$'))).toBe(true);
      if (page.isEnd) break;
      after = page.lastPosition;
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, n) => n));
    expect(gateway.allReads.every((read) => read.maxCount <= 4)).toBe(true);
  });

  it('has increasing, non-contiguous positions and treats `after` as exclusive', async () => {
    const { store } = createFakeStore();
    await store.appendToStream('s-1', [event(1), event(2), event(3)]);
    const { events } = await store.readAll();
    const positions = events.map((e) => e.globalPosition);
    expect(positions[1]! > positions[0]! && positions[2]! > positions[1]!).toBe(true);
    expect(positions[1]! - positions[0]!).toBeGreaterThan(1n);
    expect(numbers((await store.readAll({ after: positions[0]! })).events)).toEqual([2, 3]);
  });

  it('advances lastPosition over filtered-out and system events and reports the end', async () => {
    const { store, gateway } = createFakeStore();
    await store.appendToStream('x-1', [event(1, 'Kept'), event(2, 'Dropped')]);
    await store.appendToStream('y-1', [event(3, 'Kept')]);
    const page = await store.readAll({ types: ['Kept'], streamPrefix: 'x-' });
    expect(numbers(page.events)).toEqual([1]);
    expect(page.isEnd).toBe(true);
    expect(page.lastPosition).toBe(gateway.log.at(-1)!.position!.commit);
    const none = await store.readAll({ after: page.lastPosition });
    expect(none).toEqual({ events: [], lastPosition: page.lastPosition, isEnd: true });
  });

  it('stops at maxCount with lastPosition on the last event returned, and knows whether more follows', async () => {
    const { store } = createFakeStore({ pageSize: 2 });
    await store.appendToStream('s-1', [event(1), event(2), event(3)]);
    const two = await store.readAll({ maxCount: 2, streamPrefix: 's-' });
    expect(numbers(two.events)).toEqual([1, 2]);
    expect(two.lastPosition).toBe(two.events[1]!.globalPosition);
    expect(two.isEnd).toBe(false);
    const { store: exact } = createFakeStore({ pageSize: 2, systemNoise: false });
    await exact.appendToStream('s-1', [event(1), event(2)]);
    expect((await exact.readAll({ maxCount: 2 })).isEnd).toBe(true);
  });

  it('reports the head as the last user event, 0n on an empty log', async () => {
    const { store, gateway } = createFakeStore({ pageSize: 2 });
    expect(await store.headPosition()).toBe(0n);
    const result = await store.appendToStream('s-1', [event(1), event(2), event(3)]);
    expect(gateway.log.at(-1)!.streamId.startsWith('$')).toBe(true);
    expect(await store.headPosition()).toBe(result.lastGlobalPosition);
  });
});
