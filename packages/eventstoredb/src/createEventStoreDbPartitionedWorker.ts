import { RapportError, type RecordedEvent, systemClock, touchpointRegistry } from '@rapport/core';
import { collectionName, defineProjection } from '@rapport/projections';
import { connectClient, createClientGateway } from './internal/client';
import { deepFreeze } from './internal/deepFreeze';
import { fromStoredRecord } from './internal/envelope';
import type { Gateway, ServerFilter, StoredRecord } from './internal/gateway';
import { createWorkerOnGateway, type PartitionedWorker } from './internal/partitioned/createWorker';
import { logPositionOf } from './internal/positions';
import { defaultRetryPolicy } from './internal/retry';
import type { EventStoreDbPartitionedWorkerOptions } from './partitionedWorkerOptions';

const positive = (name: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new RapportError('Configuration', `${name} must be a positive integer (got ${String(value)})`);
  return value;
};

const filterOf = <TState, TEvent extends RecordedEvent>(
  options: EventStoreDbPartitionedWorkerOptions<TState, TEvent>,
): ServerFilter => {
  if (options.filterEventTypes === true && options.streamPrefixes !== undefined)
    throw new RapportError('Configuration', 'give streamPrefixes or filterEventTypes, not both');
  if (options.filterEventTypes === true)
    return { on: 'eventType', prefixes: [...options.projection.handles] };
  if (options.streamPrefixes !== undefined)
    return { on: 'streamName', prefixes: [...options.streamPrefixes] };
  return { on: 'streamName', regex: '^[^$]' };
};

/** Builds the worker over a gateway (the real client, or the fake in unit tests). */
export const createPartitionedWorkerOnGateway = <TState, TEvent extends RecordedEvent>(
  gateway: Gateway,
  options: EventStoreDbPartitionedWorkerOptions<TState, TEvent>,
  owned: boolean,
): PartitionedWorker => {
  const projection = defineProjection(options.projection);
  if (projection.onTimer !== undefined) {
    throw new RapportError(
      'Configuration',
      `projection ${projection.name} has timers; a partitioned EventStoreDB worker sees only its share of the log and has no global watermark to fire them by: run it with createProjectionRunner`,
    );
  }
  const after = options.after ?? 0n;
  if (typeof after !== 'bigint' || after < 0n)
    throw new RapportError('Configuration', `after must be a non-negative bigint (got ${String(after)})`);
  const batchSize = positive('batchSize', options.batchSize, 100);
  const registry = options.registry ?? touchpointRegistry;
  const tenantId = options.tenantId ?? 'default';
  const clock = options.clock ?? systemClock;
  const retry = options.subscriptionRetry ?? {};
  const collection = collectionName(projection.name, projection.version);
  const lift =
    registry !== false && registry.hasUpcasters
      ? (event: RecordedEvent) => registry.upcast(event)
      : (event: RecordedEvent) => event;
  return createWorkerOnGateway(gateway, {
    definition: projection,
    collection,
    readModels: options.readModels,
    gateway,
    toRecorded: (record: StoredRecord) => deepFreeze(lift(fromStoredRecord(record, tenantId))),
    pageSize: positive('readPageSize', options.readPageSize, 500),
    after,
    ledgerPrefix: options.ledgerPrefix ?? '$esdb-applied:',
    maxConflicts: positive('maxConflicts', options.maxConflicts, 50),
    now: () => clock.now().toISOString(),
    group: options.group ?? `rapport-${collection}`,
    settings: {
      strategy: 'pinned',
      from: logPositionOf(after),
      filter: filterOf(options),
      messageTimeoutMs: positive('messageTimeoutMs', options.messageTimeoutMs, 30_000),
      maxRetryCount: positive('maxRetryCount', options.maxRetryCount, 10),
    },
    batchSize,
    bufferSize: positive('bufferSize', options.bufferSize, 2 * batchSize),
    retry: {
      maxRetries: positive('subscriptionRetry.maxRetries', retry.maxRetries, defaultRetryPolicy.maxRetries),
      initialDelayMs: positive(
        'subscriptionRetry.initialDelayMs',
        retry.initialDelayMs,
        defaultRetryPolicy.initialDelayMs,
      ),
      maxDelayMs: positive('subscriptionRetry.maxDelayMs', retry.maxDelayMs, defaultRetryPolicy.maxDelayMs),
    },
    onError: options.onError ?? (() => undefined),
    ...(owned ? { onClose: () => gateway.dispose() } : {}),
  });
};

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
  if ((options.client === undefined) === (options.connectionString === undefined)) {
    throw new RapportError(
      'Configuration',
      'createEventStoreDbPartitionedWorker needs exactly one of client or connectionString',
    );
  }
  const owned = options.client === undefined;
  const gateway = createClientGateway(options.client ?? connectClient(options.connectionString!), owned);
  return createPartitionedWorkerOnGateway(gateway, options, owned);
};
