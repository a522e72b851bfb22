import { createFakeClock } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import type { ReadModelStore } from '../readModel/readModelStore';
import { traceProjection } from '../test/fixtures';
import { appendAll, minute, openStore } from '../test/harness';
import { gatedEventStore, spinGuard } from '../test/liveGate';
import { createProjectionRunner } from './projectionRunner';

const guards: { stop(): void }[] = [];
afterEach(() => {
  for (const guard of guards.splice(0)) guard.stop();
});
const guarded = (inner: ReadModelStore) => {
  const guard = spinGuard(inner);
  guards.push(guard);
  return guard;
};
const macrotask = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a live runner that cannot move its watermark yet', () => {
  it('waits (a setTimeout still fires) until the event holding it back arrives, then fires its timers in order', async () => {
    const clock = createFakeClock(minute(0));
    const store = gatedEventStore(openStore());
    const inner = createInMemoryReadModelStore({ freeze: true });
    const guard = guarded(inner);
    const runner = createProjectionRunner({
      projection: traceProjection(),
      eventStore: store,
      readModels: guard.readModels,
      clock,
      batchSize: 1,
      tickIntervalMs: 0,
    });
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(0), data: { remindInMs: 60_000, timer: 'x' } },
      { type: 'Touched', key: 'b', at: minute(0), data: { remindInMs: 60_000, timer: 'y' } },
    ]);
    runner.start();
    await runner.waitForPosition(2n);
    await runner.tick();

    // the subscription holds back an event appended at 00:00:30: the head says 3, the runner has seen 2
    store.shut();
    clock.advance(30_000);
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: clock.now().toISOString(), data: { remindInMs: 600_000, timer: 'y' } },
    ]);
    clock.advance(30_000);
    let ticked = false;
    const tick = runner.tick().then(() => {
      ticked = true;
    });
    await macrotask();
    expect(guard.report().tripped).toBe(false);
    expect(ticked).toBe(false);
    expect(runner.status().position).toBe(2n);
    expect(await inner.listTimers('trace_v1')).toHaveLength(2);

    store.open();
    await tick;
    await runner.stop();
    expect(await inner.get('trace_v1', 'a')).toEqual({ log: ['e1@00:00', 'e3@00:00', 't:x@00:01'] });
    expect(await inner.get('trace_v1', 'b')).toEqual({ log: ['e2@00:00', 't:y@00:01'] });
    expect(await inner.listTimers('trace_v1')).toEqual([
      { key: 'a', name: 'y', at: '2025-01-01T00:10:30.000Z' },
    ]);
    expect(guard.report().tripped).toBe(false);
  });
});

describe('a runner restarted with more timers due at its watermark than one batch loads', () => {
  it('fires them while catching up, batch by batch, instead of asking for them again', async () => {
    const clock = createFakeClock(minute(1));
    const inner = createInMemoryReadModelStore({ freeze: true });
    // what a runner leaves when stopped between two live passes that fire the timers of one instant
    await inner.commit({
      collection: 'trace_v1',
      documents: ['a', 'b', 'c'].map((key) => ({ key, document: { log: [] } })),
      timers: ['a', 'b', 'c'].map((key) => ({ kind: 'put', timer: { key, name: 'x', at: minute(1) } })),
      aliases: [],
      deadLetters: [],
      checkpoint: { expected: undefined, next: { position: 0n, watermark: minute(1) } },
    });
    const guard = guarded(inner);
    const runner = createProjectionRunner({
      projection: traceProjection(),
      eventStore: openStore(),
      readModels: guard.readModels,
      clock,
      batchSize: 1,
      tickIntervalMs: 0,
    });
    runner.start();
    const tick = runner.tick();
    await macrotask();
    expect(guard.report().tripped).toBe(false);
    await tick;
    await runner.stop();
    for (const key of ['a', 'b', 'c'])
      expect(await inner.get('trace_v1', key)).toEqual({ log: ['t:x@00:01'] });
    expect(await inner.listTimers('trace_v1')).toEqual([]);
  });
});
