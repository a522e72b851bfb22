import { createInMemoryEventStore } from '@rapport/core';
import { defineProjection } from '@rapport/projections';
import { arbitraryHostileValue, refusalOf, typedOutcome } from '@rapport/testing';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import {
  createPartitionWorker,
  createPostgresEventStore,
  createPostgresKeyStore,
  createPostgresReadModelStore,
} from './index';

const schema = randomSchema('hostile');
const pool = new pg.Pool({ connectionString: pgUrl, max: 4 });
const valid = { pool, schema, tenantId: 'acme' };

beforeAll(async () => {
  await createPostgresEventStore({ ...valid, registry: false }).migrate();
});
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});

/** Fails the test instead of hanging when a store accepted an option it cannot work with. */
const within = async <T>(ms: number, what: string, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung for ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Options with one entry replaced by a hostile value (or an unknown entry added, or the whole bag hostile). Only
 * stores whose connection entries are untouched are used afterwards, so no run connects elsewhere or migrates a
 * schema a hostile value happened to name.
 */
const hostileOptions = (keys: readonly string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: arbitraryHostileValue().map((options) => ({ options, usable: false })) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys, 'unknownOption'), arbitraryHostileValue())
        .map(([key, value]) => ({
          options: { ...valid, [key]: value },
          usable: !['pool', 'connectionString', 'schema', 'tenantId', 'poolSize', 'applicationName'].includes(
            key,
          ),
        })),
    },
  );

const connectionKeys = ['pool', 'connectionString', 'poolSize', 'statementTimeoutMs', 'schema', 'tenantId'];

describe('given hostile store options', () => {
  it('createPostgresEventStore refuses them by name before connecting, or works with them', async () => {
    const keys = [
      ...connectionKeys,
      'registry',
      'clock',
      'autoMigrate',
      'pollIntervalMs',
      'horizonWaitMs',
      'copyThreshold',
      'applicationName',
      'subscription',
      'onError',
    ];
    await fc.assert(
      fc.asyncProperty(hostileOptions(keys), async ({ options, usable }) => {
        await typedOutcome(async () => {
          const store = createPostgresEventStore(options as never);
          try {
            if (!usable) return;
            await within(
              10_000,
              'append and read',
              (async () => {
                const stream = `hostile-${Math.random()}`;
                await store.appendToStream(stream, [{ type: 'TagAdded', data: { tag: 'x' } }]);
                expect((await store.readStream(stream)).events).toHaveLength(1);
                await store.readAll({ maxCount: 1 });
              })(),
            );
          } finally {
            await store.close();
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('createPostgresReadModelStore refuses them by name before connecting, or works with them', async () => {
    await fc.assert(
      fc.asyncProperty(hostileOptions([...connectionKeys, 'autoMigrate']), async ({ options, usable }) => {
        await typedOutcome(async () => {
          const store = createPostgresReadModelStore(options as never);
          try {
            if (usable) await within(10_000, 'read', store.get('hostile_v1', 'k'));
          } finally {
            await store.close();
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('createPostgresKeyStore refuses them by name before connecting, or works with them', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileOptions([...connectionKeys, 'keyEncryptionKey', 'autoMigrate']),
        async ({ options, usable }) => {
          await typedOutcome(async () => {
            const keys = createPostgresKeyStore(options as never);
            try {
              if (usable)
                await within(
                  10_000,
                  'key lookup',
                  keys.keyVersion({ tenantId: 'acme', customerId: 'c1' }, 1),
                );
            } finally {
              await keys.close();
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('createPartitionWorker refuses them by name when it is made', async () => {
    const readModels = createPostgresReadModelStore(valid);
    const base = {
      projection: defineProjection({
        name: 'hostile',
        version: 1,
        handles: ['TagAdded'],
        init: () => ({ n: 0 }),
        evolve: (state: { n: number }) => ({ n: state.n + 1 }),
      }),
      eventStore: createInMemoryEventStore({ registry: false }),
      readModels,
      partitions: 4,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'projection',
          'eventStore',
          'readModels',
          'partitions',
          'rebalanceIntervalMs',
          'runner',
          'onError',
        ),
        arbitraryHostileValue(),
        async (key, value) => {
          // made, not started: a worker that accepts the options is dropped unstarted
          await typedOutcome(() => createPartitionWorker({ ...base, [key]: value } as never));
        },
      ),
      { numRuns: 200 },
    );
    expect(refusalOf(() => createPartitionWorker({ ...base, partitions: undefined } as never))).toBe(
      'Configuration: createPartitionWorker: partitions is required: an integer from 1 to 1024',
    );
    await readModels.close();
  });

  it('names the factory and the option in the error', () => {
    expect(refusalOf(() => createPostgresEventStore({ ...valid, pollIntervalMs: 2 ** 31 }))).toBe(
      'Configuration: createPostgresEventStore: pollIntervalMs must be an integer from 1 to 2147483647 (got 2147483648)',
    );
    expect(refusalOf(() => createPostgresEventStore({ ...valid, subscription: { batchSize: 0 } }))).toContain(
      'subscription.batchSize must be an integer from 1 to 100000 (got 0)',
    );
    expect(refusalOf(() => createPostgresReadModelStore({ ...valid, schema: 10n as never }))).toContain(
      'schema must match',
    );
  });
});
