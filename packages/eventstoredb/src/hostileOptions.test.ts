import { createInMemoryReadModelStore, defineProjection } from '@rapport/projections';
import { arbitraryHostileValue, refusalOf, typedOutcome } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore, createEventStoreDbPartitionedWorker } from './index';

// No server is needed: options are checked when a store or worker is made, and opening a client does not connect.
const connectionString = 'esdb://127.0.0.1:1?tls=false';

/** The options with one entry replaced by a hostile value, or the whole bag hostile. */
const hostileOptions = (valid: Record<string, unknown>, keys: readonly string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: arbitraryHostileValue() },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), arbitraryHostileValue())
        .map(([key, value]) => ({ ...valid, [key]: value })),
    },
  );

describe('given hostile options', () => {
  it('createEventStoreDbEventStore refuses them by name, or makes a store that closes cleanly', async () => {
    const keys = [
      'client',
      'connectionString',
      'registry',
      'clock',
      'tenantId',
      'readPageSize',
      'subscriptionRetry',
    ];
    await fc.assert(
      fc.asyncProperty(hostileOptions({ connectionString }, keys), async (options) => {
        await typedOutcome(async () => {
          const store = createEventStoreDbEventStore(options as never);
          await store.close();
        });
      }),
      { numRuns: 300 },
    );
  });

  it('createEventStoreDbPartitionedWorker refuses them by name, or makes a worker that stops cleanly', async () => {
    const valid = {
      connectionString,
      readModels: createInMemoryReadModelStore(),
      projection: defineProjection({
        name: 'hostile',
        version: 1,
        handles: ['TagAdded'],
        init: () => ({ n: 0 }),
        evolve: (state: { n: number }) => ({ n: state.n + 1 }),
      }),
    };
    const keys = [
      ...Object.keys(valid),
      'client',
      'registry',
      'tenantId',
      'group',
      'streamPrefixes',
      'filterEventTypes',
      'after',
      'batchSize',
      'bufferSize',
      'messageTimeoutMs',
      'maxRetryCount',
      'readPageSize',
      'ledgerPrefix',
      'maxConflicts',
      'subscriptionRetry',
      'clock',
      'onError',
    ];
    await fc.assert(
      fc.asyncProperty(hostileOptions(valid, keys), async (options) => {
        await typedOutcome(async () => {
          const worker = createEventStoreDbPartitionedWorker(options as never);
          await worker.stop();
        });
      }),
      { numRuns: 300 },
    );
  });

  it('names the factory, the option and the value', () => {
    expect(refusalOf(() => createEventStoreDbEventStore({ connectionString: 'http://x' }))).toBe(
      'Configuration: createEventStoreDbEventStore: connectionString must be an esdb:// or esdb+discover:// connection string (got "http://x")',
    );
    expect(
      refusalOf(() =>
        createEventStoreDbEventStore({ connectionString, subscriptionRetry: { maxDelayMs: 2 ** 40 } }),
      ),
    ).toContain('subscriptionRetry.maxDelayMs must be an integer from 1 to 2147483647 (got 1099511627776)');
    expect(refusalOf(() => createEventStoreDbEventStore({ connectionString, tenantId: 'a b' }))).toContain(
      'tenantId must be',
    );
  });
});
