import type { ReadModelCommit } from '@rapport/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresReadModelStore, partitionOf } from './index';
import { internalsOf } from './internal/readModels/readModelInternals';

const schema = randomSchema('partview');
const store = createPostgresReadModelStore({ connectionString: pgUrl, schema });
const part = (index: number) => internalsOf(store)!.partition(index, 2);
beforeAll(() => store.migrate());
afterAll(async () => {
  await store.close();
  await dropSchema(schema);
});

const keys = Array.from({ length: 20 }, (_, i) => `c${i}`);
const commit = (index: number, expected: bigint | undefined, activate: boolean): ReadModelCommit => ({
  collection: 'counted_v1',
  documents: keys.filter((k) => partitionOf(k, 2) === index).map((key) => ({ key, document: { index } })),
  timers: keys
    .filter((k) => partitionOf(k, 2) === index)
    .map((key) => ({ kind: 'put', timer: { key, name: 't', at: '2025-01-01T00:00:00.000Z' } })),
  aliases: [],
  deadLetters: [],
  checkpoint: { expected, next: { position: (expected ?? 0n) + 10n, watermark: undefined } },
  ...(activate ? { activate: { projection: 'counted', version: 1 } } : {}),
});

describe("a partition's view of the read-model store", () => {
  it('keeps a checkpoint per partition, fires only its own timers, and activates once every partition caught up', async () => {
    await part(0).commit(commit(0, undefined, true));
    expect(await store.activeVersion('counted')).toBeUndefined();
    expect(await part(0).readCheckpoint('counted_v1')).toEqual({ position: 10n, watermark: undefined });
    expect(await part(1).readCheckpoint('counted_v1')).toBeUndefined();
    expect(await store.readCheckpoint('counted_v1')).toBeUndefined();
    await part(1).commit(commit(1, undefined, false));
    expect(await store.activeVersion('counted')).toBeUndefined();
    await part(1).commit(commit(1, 10n, true));
    expect(await store.activeVersion('counted')).toBe(1);
    expect(await part(1).readCheckpoint('counted_v1')).toEqual({ position: 20n, watermark: undefined });

    for (const index of [0, 1]) {
      const due = await part(index).dueTimers('counted_v1', { upTo: '2026-01-01T00:00:00.000Z', limit: 100 });
      expect(due.length).toBeGreaterThan(0);
      expect(due.every((timer) => partitionOf(timer.key, 2) === index)).toBe(true);
    }
    expect(
      await store.dueTimers('counted_v1', { upTo: '2026-01-01T00:00:00.000Z', limit: 100 }),
    ).toHaveLength(20);
    expect((await store.list('counted_v1')).documents).toHaveLength(20);
  });
});
