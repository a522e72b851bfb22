import { describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { tallyProjection } from '../test/fixtures';
import { appendAll, minute, openStore } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

describe('identity merges', () => {
  it('persist aliases, so after a restart events of an absorbed key still reach the absorbing document, transitively', async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    const open = () =>
      createProjectionRunner({
        projection: tallyProjection(),
        eventStore: store,
        readModels,
        tickIntervalMs: 0,
      });
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(1), data: { n: 1, remindInMs: 3_600_000 } },
      { type: 'Touched', key: 'b', at: minute(2), data: { n: 2 } },
      { type: 'Merged', key: 'b', at: minute(3), data: { from: 'a' } },
    ]);
    const first = open();
    first.start();
    await first.waitForPosition(3n);
    await first.stop();
    expect(await readModels.get('tally_v1', 'a')).toBeUndefined();
    expect(await readModels.listTimers('tally_v1')).toEqual([]);
    expect(await readModels.listAliases('tally_v1')).toEqual([{ from: 'a', to: 'b' }]);

    await appendAll(store, [
      { type: 'Touched', key: 'c', at: minute(4), data: { n: 4 } },
      { type: 'Merged', key: 'c', at: minute(5), data: { from: 'b' } },
    ]);
    const second = open();
    second.start();
    await second.waitForPosition(5n);
    await second.stop();
    await appendAll(store, [{ type: 'Touched', key: 'a', at: minute(6), data: { n: 8 } }]);
    const third = open();
    third.start();
    await third.waitForPosition(6n);
    await third.stop();
    expect(await readModels.get('tally_v1', 'c')).toMatchObject({ count: 4, sum: 15, absorbed: ['a', 'b'] });
    expect(await readModels.get('tally_v1', 'b')).toBeUndefined();
    expect(await readModels.get('tally_v1', 'a')).toBeUndefined();
  });
});
