import { createFakeClock } from '@rapport/core';
import { describe, expect, it } from 'vitest';
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
});
