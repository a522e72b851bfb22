import { createFakeClock } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { history } from '../test/arbitraries';
import { tallyProjection } from '../test/fixtures';
import { type Faults, flakyEventStore, flakyReadModels, seeded } from '../test/flaky';
import { appendAll, foldSnapshot, minute, openStore, snapshot } from '../test/harness';
import { createProjectionRunner, type ProjectionRunner } from './projectionRunner';

const clock = createFakeClock(minute(-60));

type Action =
  | { readonly kind: 'append'; readonly size: number }
  | { readonly kind: 'stop' | 'start' | 'pause' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), size: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constantFrom('stop' as const, 'start' as const, 'pause' as const) }),
);

describe('given a read-model store and an event store that fail at random, and runners stopped and started at random', () => {
  it('the final read model equals a clean rebuild, with nothing applied twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        history({ merges: true, maxLength: 30 }),
        fc.array(action, { maxLength: 12 }),
        fc.integer(),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(0, 2, 100_000),
        async (events, actions, seed, batchSize, cacheSize) => {
          const faults: Faults = { enabled: true, rate: 0.2, random: seeded(seed), injected: 0 };
          const store = openStore();
          const inner = createInMemoryReadModelStore({ freeze: true });
          const open = () =>
            createProjectionRunner({
              projection: tallyProjection(),
              eventStore: flakyEventStore(store, faults),
              readModels: flakyReadModels(inner, faults),
              clock,
              batchSize,
              tickIntervalMs: 0,
              retryDelayMs: 1,
              cacheSize,
            });
          const runners: ProjectionRunner[] = [open()];
          runners[0]!.start();
          let rest = events;
          for (const each of actions) {
            if (each.kind === 'append') {
              await appendAll(store, rest.slice(0, each.size));
              rest = rest.slice(each.size);
            } else if (each.kind === 'stop') await runners.shift()?.stop();
            else if (each.kind === 'start') {
              // sometimes two runners of the same version run at once: the checkpoint guard keeps them honest
              const runner = open();
              runner.start();
              runners.push(runner);
            } else await new Promise((resolve) => setTimeout(resolve, 1));
          }
          await appendAll(store, rest);
          faults.enabled = false;
          const last = runners.pop() ?? open();
          last.start();
          await last.waitForPosition(await store.headPosition());
          await Promise.all([last, ...runners].map((runner) => runner.stop()));

          const clean = foldProjection(tallyProjection(), (await store.readAll({ maxCount: 1000 })).events);
          expect(await snapshot(inner, 'tally_v1')).toEqual(foldSnapshot(clean));
        },
      ),
      { numRuns: 40 },
    );
  });
});
