import { createFakeClock } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { tallyProjection } from '../test/fixtures';
import { appendAll, minute, openStore, readCollection } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

describe('the projection runner', () => {
  it('catches up from the start, then follows live appends', async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(1), data: { n: 1 } },
      { type: 'Unknown', key: 'a', at: minute(2), data: { n: 1 } },
      { type: 'Touched', key: 'b', at: minute(3), data: { n: 2 } },
    ]);
    const runner = createProjectionRunner({
      projection: tallyProjection(),
      eventStore: store,
      readModels,
      batchSize: 2,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(3n);
    expect((await readCollection(readModels, 'tally_v1')).get('a')).toMatchObject({ count: 1, sum: 1 });
    await appendAll(store, [{ type: 'Touched', key: 'a', at: minute(4), data: { n: 5 } }]);
    await runner.waitForPosition(4n);
    expect(runner.status()).toMatchObject({
      state: 'live',
      position: 4n,
      head: 4n,
      lagEvents: 0n,
      active: true,
    });
    expect(await readModels.get('tally_v1', 'a')).toMatchObject({ count: 2, sum: 6 });
    await runner.stop();
    expect(runner.status().state).toBe('stopped');
  });

  it('fires a timer when the fake clock passes it, with no new event', async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    const clock = createFakeClock(minute(0));
    await appendAll(store, [{ type: 'Touched', key: 'a', at: minute(0), data: { remindInMs: 10 * 60_000 } }]);
    const runner = createProjectionRunner({
      projection: tallyProjection(),
      eventStore: store,
      readModels,
      clock,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(1n);
    await runner.tick();
    expect(await readModels.get('tally_v1', 'a')).toMatchObject({ fired: [] });
    clock.advance(10 * 60_000);
    await runner.tick();
    expect((await readModels.get('tally_v1', 'a')) as { fired: string[] }).toMatchObject({
      fired: [expect.stringContaining(`@${minute(10)}`)],
    });
    expect(await readModels.listTimers('tally_v1')).toEqual([]);
    await runner.stop();
  });

  it('passes over unhandled and unknown types and events without a key, still advancing checkpoint and watermark', async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    const strict = defineProjection<{ readonly fired: number }>({
      name: 'strict',
      version: 1,
      handles: ['Touched'],
      init: () => ({ fired: 0 }),
      evolve: (state, event, ctx) => {
        if (event.type !== 'Touched') throw new Error(`evolve saw ${event.type}`);
        ctx.schedule(new Date(ctx.now.getTime() + 60_000), 'later');
        return state;
      },
      onTimer: (state) => ({ fired: state.fired + 1 }),
    });
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(0) },
      { type: 'NotInAnyCatalog', key: 'a', at: minute(1) },
      { type: 'Touched', key: undefined, at: minute(1) },
      { type: 'AlsoUnknown', key: undefined, at: minute(5) },
    ]);
    const runner = createProjectionRunner({
      projection: strict,
      eventStore: store,
      readModels,
      batchSize: 1,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(4n);
    await runner.stop();
    expect(await readModels.readCheckpoint('strict_v1')).toEqual({ position: 4n, watermark: minute(5) });
    expect(await readModels.get('strict_v1', 'a')).toEqual({ fired: 1 });
    expect(await readModels.listDeadLetters('strict_v1')).toEqual([]);
  });
});

describe('runner options', () => {
  it('are checked when the runner is created, naming the bad option', () => {
    const make = (batchSize: number) => () =>
      createProjectionRunner({
        projection: tallyProjection(),
        eventStore: openStore(),
        readModels: createInMemoryReadModelStore(),
        batchSize,
      });
    expect(make(0)).toThrow(/batchSize: must be an integer from 1 to 100000 \(got 0\)/);
    expect(make(100_001)).toThrow(/batchSize/);
    expect(make(1)).not.toThrow();
  });
});
