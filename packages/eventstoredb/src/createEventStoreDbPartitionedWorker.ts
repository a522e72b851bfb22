import {
  maxReadAllCount,
  maxTimerMs,
  type OptionReader,
  type RecordedEvent,
  readOptions,
  resolveStoreOptions,
} from '@rapport/core';
import { collectionName, defineProjection, type ReadModelStore } from '@rapport/projections';
import { createClientGateway } from './internal/client';
import { resolveClient } from './internal/clientOption';
import { deepFreeze } from './internal/deepFreeze';
import { fromStoredRecord } from './internal/envelope';
import type { Gateway, ServerFilter, StoredRecord } from './internal/gateway';
import { createWorkerOnGateway, type PartitionedWorker } from './internal/partitioned/createWorker';
import { logPositionOf } from './internal/positions';
import { resolveRetry } from './internal/retry';
import type { EventStoreDbPartitionedWorkerOptions } from './partitionedWorkerOptions';

const factory = 'createEventStoreDbPartitionedWorker';

// stream-name prefixes and group names: printable text the server stores as given
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected
const NAME = /^[^\u0000-\u001f\u007f]{1,200}$/;

const filterOf = (read: OptionReader, handles: readonly string[]): ServerFilter => {
  const byType = read.boolean('filterEventTypes', false);
  const prefixes = read.raw('streamPrefixes');
  if (byType && prefixes !== undefined) throw read.error('give streamPrefixes or filterEventTypes, not both');
  if (byType) return { on: 'eventType', prefixes: [...handles] };
  if (prefixes === undefined) return { on: 'streamName', regex: '^[^$]' };
  if (
    !Array.isArray(prefixes) ||
    prefixes.length === 0 ||
    prefixes.length > 1000 ||
    !prefixes.every((prefix) => typeof prefix === 'string' && NAME.test(prefix))
  ) {
    throw read.error(
      'streamPrefixes must be 1-1000 stream-name prefixes of 1-200 printable characters',
      prefixes,
    );
  }
  return { on: 'streamName', prefixes: [...(prefixes as string[])] };
};

/** Checks the options and fills in defaults; everything the worker needs but the gateway. */
const resolveWorker = <TState, TEvent extends RecordedEvent>(
  read: OptionReader,
  options: EventStoreDbPartitionedWorkerOptions<TState, TEvent>,
) => {
  const projection = defineProjection(read.raw('projection') as typeof options.projection);
  if (projection.onTimer !== undefined) {
    throw read.error(
      `projection ${projection.name} has timers; a partitioned EventStoreDB worker sees only its share of the log and has no global watermark to fire them by: run it with createProjectionRunner`,
    );
  }
  const readModels = read.service<ReadModelStore>(
    'readModels',
    ['commit', 'getMany', 'readCheckpoint', 'list', 'listAliases'],
    'a ReadModelStore',
  );
  const after = read.raw('after') === undefined ? 0n : read.raw('after');
  if (typeof after !== 'bigint' || after < 0n) throw read.error('after must be a non-negative bigint', after);
  const { registry, clock, tenantId } = resolveStoreOptions(factory, options);
  const batchSize = read.integer('batchSize', 100, { min: 1, max: maxReadAllCount });
  const collection = collectionName(projection.name, projection.version);
  const lift =
    registry !== false && registry.hasUpcasters
      ? (event: RecordedEvent) => registry.upcast(event)
      : (event: RecordedEvent) => event;
  return {
    definition: projection,
    collection,
    readModels,
    toRecorded: (record: StoredRecord) => deepFreeze(lift(fromStoredRecord(record, tenantId))),
    pageSize: read.integer('readPageSize', 500, { min: 1, max: maxReadAllCount }),
    after,
    ledgerPrefix: read.string('ledgerPrefix', '$esdb-applied:', NAME, '1-200 printable characters'),
    maxConflicts: read.integer('maxConflicts', 50, { min: 1, max: 1_000_000 }),
    now: () => clock.now().toISOString(),
    group: read.string('group', `rapport-${collection}`, NAME, '1-200 printable characters'),
    settings: {
      strategy: 'pinned' as const,
      from: logPositionOf(after),
      filter: filterOf(read, projection.handles),
      messageTimeoutMs: read.integer('messageTimeoutMs', 30_000, { min: 1, max: maxTimerMs }),
      maxRetryCount: read.integer('maxRetryCount', 10, { min: 1, max: 1_000_000 }),
    },
    batchSize,
    bufferSize: read.integer('bufferSize', 2 * batchSize, { min: 1, max: 1_000_000 }),
    retry: resolveRetry(read.nested('subscriptionRetry')),
    onError: read.callback('onError', (_error: unknown) => undefined),
  };
};

const build = <TState, TEvent extends RecordedEvent>(
  gateway: Gateway,
  settings: ReturnType<typeof resolveWorker<TState, TEvent>>,
  owned: boolean,
) =>
  createWorkerOnGateway(gateway, {
    ...settings,
    gateway,
    ...(owned ? { onClose: () => gateway.dispose() } : {}),
  });

/** Builds the worker over a gateway (the real client, or the fake in unit tests). */
export const createPartitionedWorkerOnGateway = <TState, TEvent extends RecordedEvent>(
  gateway: Gateway,
  options: EventStoreDbPartitionedWorkerOptions<TState, TEvent>,
  owned: boolean,
): PartitionedWorker => build(gateway, resolveWorker(readOptions(factory, options), options), owned);

/**
 * One consumer of a projection version's persistent subscription to `$all` with the pinned strategy: the server routes
 * each stream (one per customer) to one consumer at a time, and this worker applies what it receives to the read model
 * exactly once and in stream order, whatever the server redelivers or reroutes (see the README for the guarantees).
 * Start as many as you like, in as many processes.
 *
 * @example
 * const worker = createEventStoreDbPartitionedWorker({ connectionString, projection, readModels, streamPrefixes: ['customer-'] });
 * await worker.start();
 */
export const createEventStoreDbPartitionedWorker = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  options: EventStoreDbPartitionedWorkerOptions<TState, TEvent>,
): PartitionedWorker => {
  const read = readOptions(factory, options);
  const settings = resolveWorker(read, options);
  // the client last: a refused option must leave no opened client behind
  const { client, owned } = resolveClient(read);
  return build(createClientGateway(client, owned), settings, owned);
};
