import { createFakeClock } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectionDefinition } from '../definition/defineProjection';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { history } from '../test/arbitraries';
import { tallyProjection, traceProjection } from '../test/fixtures';
import { appendAll, foldSnapshot, minute, openStore, snapshot } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

// the live clock stays before every event, so only event time moves the watermark and all three must agree
const clock = createFakeClock(minute(-60));

const cases: [string, () => ProjectionDefinition<unknown>, boolean][] = [
  ['a counting projection with merges', tallyProjection as () => ProjectionDefinition<unknown>, true],
  ['an order-recording projection', traceProjection as () => ProjectionDefinition<unknown>, false],
];

describe.each(cases)('given any history of touchpoints and %s', (_, projection, merges) => {
  it('rebuilding equals incremental application, whatever the batch sizes, cache sizes and restart points', async () => {
    await fc.assert(
      fc.asyncProperty(
        history({ merges }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 8 }), restart: fc.boolean() }), {
          maxLength: 8,
        }),
        fc.constantFrom(0, 2, 100_000),
        async (events, liveBatch, rebuildBatch, chunks, cacheSize) => {
          const store = openStore();
          const incremental = createInMemoryReadModelStore({ freeze: true });
          const open = () =>
            createProjectionRunner({
              projection: projection(),
              eventStore: store,
              readModels: incremental,
              clock,
              batchSize: liveBatch,
              tickIntervalMs: 0,
              cacheSize,
            });
          let runner = open();
          runner.start();
          let rest = events;
          for (const chunk of chunks) {
            await appendAll(store, rest.slice(0, chunk.size));
            rest = rest.slice(chunk.size);
            if (chunk.restart) {
              await runner.stop();
              runner = open();
              runner.start();
            }
          }
          const recorded = await appendAll(store, rest);
          const head = await store.headPosition();
          await runner.waitForPosition(head);
          await runner.stop();

          const rebuilt = createInMemoryReadModelStore({ freeze: true });
          const rebuild = createProjectionRunner({
            projection: projection(),
            eventStore: store,
            readModels: rebuilt,
            clock,
            batchSize: rebuildBatch,
            tickIntervalMs: 0,
          });
          rebuild.start();
          await rebuild.waitForPosition(head);
          await rebuild.stop();

          const collection = `${projection().name}_v1`;
          const live = await snapshot(incremental, collection);
          expect(await snapshot(rebuilt, collection)).toEqual(live);
          const all = (await store.readAll({ maxCount: 1000 })).events;
          expect(all.length).toBeGreaterThanOrEqual(recorded.length);
          expect(foldSnapshot(foldProjection(projection(), all))).toEqual(live);
        },
      ),
      { numRuns: 40 },
    );
  });
});
