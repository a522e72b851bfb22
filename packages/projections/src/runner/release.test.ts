import { describe, expect, it } from 'vitest';
import { foldProjection } from '../fold/foldProjection';
import { collectionName } from '../readModel/collectionName';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import type { AliasChange, ReadModelStore } from '../readModel/readModelStore';
import { churn, groups } from '../test/groups';
import { appendAll, foldSnapshot, openStore, snapshot } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

/** Records every alias change the runner commits. */
const watching = (readModels: ReadModelStore, seen: AliasChange[]): ReadModelStore => ({
  ...readModels,
  commit: (commit) => {
    seen.push(...commit.aliases);
    return readModels.commit(commit);
  },
});

describe('a runner applying releases', () => {
  it('commits alias removals and ends with the read model of a fold, whatever the batch size, cache size and restarts', async () => {
    const store = openStore();
    await appendAll(store, churn);
    const head = await store.headPosition();
    const expected = foldSnapshot(foldProjection(groups(), (await store.readAll({ maxCount: 100 })).events));
    for (const batchSize of [1, 2, 3, 5, 100]) {
      for (const cacheSize of [0, 2, 100_000]) {
        const inner = createInMemoryReadModelStore({ freeze: true });
        const seen: AliasChange[] = [];
        const readModels = watching(inner, seen);
        const open = () =>
          createProjectionRunner({
            projection: groups(),
            eventStore: store,
            readModels,
            batchSize,
            cacheSize,
            tickIntervalMs: 0,
          });
        // a restart half-way reloads the aliases from the store: a removal it missed would route x back to a
        const first = open();
        first.start();
        await first.waitForPosition(head / 2n);
        await first.stop();
        const second = open();
        second.start();
        await second.waitForPosition(head);
        await second.stop();
        expect(await snapshot(inner, 'groups_v1'), `batch ${batchSize}, cache ${cacheSize}`).toEqual(
          expected,
        );
        expect(seen).toContainEqual({ from: 'x', to: null });
      }
    }
    expect(expected.aliases).toEqual([]);
    expect(Object.keys(expected.documents)).toEqual(['a', 'b', 'w', 'x']);
  });

  it('rebuilds a new version beside the old one with the same releases', async () => {
    const store = openStore();
    await appendAll(store, churn);
    const head = await store.headPosition();
    const readModels = createInMemoryReadModelStore({ freeze: true });
    for (const version of [1, 2]) {
      const runner = createProjectionRunner({
        projection: groups(version),
        eventStore: store,
        readModels,
        batchSize: 4,
        tickIntervalMs: 0,
      });
      runner.start();
      await runner.waitForPosition(head);
      await runner.stop();
    }
    const events = (await store.readAll({ maxCount: 100 })).events;
    const expected = foldSnapshot(foldProjection(groups(), events));
    expect(await snapshot(readModels, collectionName('groups', 1))).toEqual(expected);
    expect(await snapshot(readModels, collectionName('groups', 2))).toEqual(expected);
    expect(await readModels.activeVersion('groups')).toBe(2);
  });
});
