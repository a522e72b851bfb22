import { createInMemoryEventStore, isRapportError } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { createProjectionRunner } from '../runner/projectionRunner';

const hostile = () =>
  fc.oneof(
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSparseArray: true,
    }),
    fc.constantFrom(
      undefined,
      null,
      Number.NaN,
      -1,
      0,
      1.5,
      1e12,
      '',
      'Bad Name',
      'x'.repeat(100),
      '\u0000',
      () => 1,
    ),
  );

const settle = (call: () => unknown): 'ok' | 'rejected' => {
  try {
    call();
    return 'ok';
  } catch (error) {
    if (!isRapportError(error)) throw new Error(`untyped error escaped: ${String(error)}`, { cause: error });
    expect(error.message.length).toBeGreaterThan(0);
    return 'rejected';
  }
};

const valid = {
  name: 'counts',
  version: 1,
  handles: ['X'],
  init: () => ({ n: 0 }),
  evolve: (s: { n: number }) => ({ n: s.n + 1 }),
};

describe('given hostile projection definitions', () => {
  it('every malformed definition is refused with a typed error naming the problem', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostile(),
          fc.record({
            field: fc.constantFrom(...Object.keys(valid), 'keyOf', 'related', 'onTimer', 'failurePolicy'),
            value: hostile(),
          }),
        ),
        (input) => {
          const definition =
            input !== null && typeof input === 'object' && 'field' in (input as object)
              ? { ...valid, [(input as { field: string }).field]: (input as { value: unknown }).value }
              : input;
          settle(() => defineProjection(definition as never));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every malformed runner option is refused when the runner is made', () => {
    const projection = defineProjection(valid);
    fc.assert(
      fc.property(
        fc.constantFrom('batchSize', 'tickIntervalMs', 'retryDelayMs', 'maxLiveBuffer', 'cacheSize'),
        hostile(),
        (option, value) => {
          settle(() =>
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

  it('a runner made from an unusable store or projection is refused, not crashed later', () => {
    for (const broken of [
      { eventStore: null },
      { readModels: undefined },
      { projection: { name: 'x' } },
      { clock: { now: 1 } },
    ]) {
      expect(
        settle(() =>
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
