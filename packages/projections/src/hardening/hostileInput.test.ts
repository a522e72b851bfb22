import { createInMemoryEventStore } from '@rapport/core';
import { arbitraryHostileValue, typedOutcome } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { createProjectionRunner } from '../runner/projectionRunner';

const hostile = arbitraryHostileValue;
const settle = typedOutcome;

const valid = {
  name: 'counts',
  version: 1,
  handles: ['X'],
  init: () => ({ n: 0 }),
  evolve: (s: { n: number }) => ({ n: s.n + 1 }),
};

describe('given hostile projection definitions', () => {
  it('every malformed definition is refused with a typed error naming the problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostile(),
          fc.record({
            field: fc.constantFrom(...Object.keys(valid), 'keyOf', 'related', 'onTimer', 'failurePolicy'),
            value: hostile(),
          }),
        ),
        async (input) => {
          const definition =
            input !== null && typeof input === 'object' && 'field' in (input as object)
              ? { ...valid, [(input as { field: string }).field]: (input as { value: unknown }).value }
              : input;
          await settle(() => defineProjection(definition as never));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every malformed runner option is refused when the runner is made', async () => {
    const projection = defineProjection(valid);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('batchSize', 'tickIntervalMs', 'retryDelayMs', 'maxLiveBuffer', 'cacheSize'),
        hostile(),
        async (option, value) => {
          await settle(() =>
            createProjectionRunner({
              projection,
              eventStore: createInMemoryEventStore({ registry: false }),
              readModels: createInMemoryReadModelStore(),
              [option]: value,
            } as never),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a runner made from an unusable store or projection is refused, not crashed later', async () => {
    for (const broken of [
      { eventStore: null },
      { readModels: undefined },
      { projection: { name: 'x' } },
      { clock: { now: 1 } },
    ]) {
      expect(
        await settle(() =>
          createProjectionRunner({
            projection: defineProjection(valid),
            eventStore: createInMemoryEventStore({ registry: false }),
            readModels: createInMemoryReadModelStore(),
            ...broken,
          } as never),
        ),
      ).toBe('rejected');
    }
  });
});
