import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { sequenceProjection } from '../test/fixtures';
import { appendAll, minute, openStore, type TestEvent } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

const event = (i: number): TestEvent => ({
  type: i % 5 === 0 ? 'Unknown' : 'Touched',
  key: `k${i % 3}`,
  at: minute(i),
});

describe('given appends racing the catch-up and the hand-over to live', () => {
  it('every event is applied exactly once, in order, with no gap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        async (before, writers, batchSize, maxLiveBuffer) => {
          const store = openStore();
          const readModels = createInMemoryReadModelStore();
          await appendAll(
            store,
            Array.from({ length: before }, (_, i) => event(i)),
          );
          const runner = createProjectionRunner({
            projection: sequenceProjection(),
            eventStore: store,
            readModels,
            batchSize,
            tickIntervalMs: 0,
            ...(maxLiveBuffer === undefined ? {} : { maxLiveBuffer }),
          });
          runner.start();
          // concurrent writers, each yielding between appends so they interleave with the runner's batches
          await Promise.all(
            writers.map(async (count, writer) => {
              for (let i = 0; i < count; i++) {
                await appendAll(store, [event(before + writer * 100 + i)]);
                if (i % 3 === writer % 3) await new Promise((resolve) => setImmediate(resolve));
              }
            }),
          );
          const head = await store.headPosition();
          await runner.waitForPosition(head);
          await runner.stop();
          const touched = (await store.readAll({ maxCount: 1000 })).events
            .filter((recorded) => recorded.type === 'Touched')
            .map((recorded) => Number(recorded.globalPosition));
          const document = await readModels.get('sequence_v1', 'all');
          expect(document === undefined ? [] : (document as { positions: number[] }).positions).toEqual(
            touched,
          );
          expect((await readModels.readCheckpoint('sequence_v1'))?.position).toBe(head);
        },
      ),
      { numRuns: 60 },
    );
  });
});
