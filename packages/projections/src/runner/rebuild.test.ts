import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { createProjectionReader } from '../readModel/projectionReader';
import type { ReadModelStore } from '../readModel/readModelStore';
import { appendAll, minute, openStore } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

const totals = (version: number, factor: number) =>
  defineProjection<{ readonly total: number }>({
    name: 'totals',
    version,
    handles: ['Touched'],
    init: () => ({ total: 0 }),
    evolve: (state, event) => ({ total: state.total + factor * (event.data as { n: number }).n }),
  });

describe('a new projection version', () => {
  it('builds beside the old one while readers keep reading the old one, then replaces it when caught up', async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    const reader = createProjectionReader<{ total: number }>(readModels, 'totals');
    expect(await reader.version()).toBeUndefined();
    await appendAll(
      store,
      Array.from({ length: 20 }, (_, i) => ({ type: 'Touched', key: 'a', at: minute(i), data: { n: 1 } })),
    );
    const v1 = createProjectionRunner({
      projection: totals(1, 1),
      eventStore: store,
      readModels,
      tickIntervalMs: 0,
    });
    v1.start();
    await v1.waitForPosition(20n);
    expect(await reader.version()).toBe(1);
    expect(await reader.get('a')).toEqual({ total: 20 });

    // watch what a reader sees just before every commit of the rebuild
    const seen: { version: number | undefined; total: number | undefined; activating: boolean }[] = [];
    const watched: ReadModelStore = {
      ...readModels,
      commit: async (commit) => {
        seen.push({
          version: await reader.version(),
          total: (await reader.get('a'))?.total,
          activating: commit.activate !== undefined,
        });
        await readModels.commit(commit);
      },
    };
    // #region rebuild
    const v2 = createProjectionRunner({
      projection: totals(2, 10),
      eventStore: store,
      readModels: watched,
      batchSize: 3,
      tickIntervalMs: 0,
    });
    v2.start();
    await v2.waitForPosition(20n);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((each) => each.version === 1 && each.total === 20)).toBe(true);
    expect(seen.filter((each) => each.activating)).toHaveLength(1);
    expect(seen[seen.length - 1]?.activating).toBe(true);
    expect(await reader.version()).toBe(2);
    expect(await reader.get('a')).toEqual({ total: 200 });
    // #endregion rebuild
    expect(v2.status().active).toBe(true);

    await appendAll(store, [{ type: 'Touched', key: 'a', at: minute(30), data: { n: 1 } }]);
    await v2.waitForPosition(21n);
    await v1.waitForPosition(21n);
    expect(await reader.get('a')).toEqual({ total: 210 });
    expect(await readModels.get('totals_v1', 'a')).toEqual({ total: 21 });
    await Promise.all([v1.stop(), v2.stop()]);

    // an older version started again never takes the reads back
    const old = createProjectionRunner({
      projection: totals(1, 1),
      eventStore: store,
      readModels,
      tickIntervalMs: 0,
    });
    old.start();
    await old.waitForPosition(21n);
    await old.stop();
    expect(await reader.version()).toBe(2);
    expect(old.status().active).toBe(false);
  });

  it('lists documents of the active version by key prefix', async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    await appendAll(
      store,
      ['b1', 'a1', 'b2', 'a2', 'b3'].map((key, i) => ({
        type: 'Touched',
        key,
        at: minute(i),
        data: { n: i },
      })),
    );
    const runner = createProjectionRunner({
      projection: totals(1, 1),
      eventStore: store,
      readModels,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(5n);
    await runner.stop();
    const reader = createProjectionReader(readModels, 'totals');
    const first = await reader.list({ prefix: 'b', limit: 2 });
    expect(first.documents.map((each) => each.key)).toEqual(['b1', 'b2']);
    expect(first.next).toBe('b2');
    const second = await reader.list({ prefix: 'b', after: 'b2', limit: 2 });
    expect(second).toEqual({ documents: [{ key: 'b3', document: { total: 4 } }], next: undefined });
  });
});
