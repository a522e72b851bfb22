import type { EventStore, RecordedEvent } from '@rapport/core';
import { analyzeAsTheyGrow } from './internal/analyzeAsTheyGrow';
import { appendToStream } from './internal/appendToStream';
import { appendToStreams } from './internal/appendToStreams';
import { createDatabase } from './internal/database';
import { headPosition } from './internal/headPosition';
import { quoteIdentifier } from './internal/identifier';
import { readAll } from './internal/readAll';
import { readStream } from './internal/readStream';
import { resolveOptions } from './internal/resolveOptions';
import { channelOf, createStatements } from './internal/statements';
import { storeLifecycle } from './internal/storeLifecycle';
import type { SubscriptionContext } from './internal/subscribeToAll';
import { subscribeToAll } from './internal/subscribeToAll';
import { encodeText } from './internal/textCodec';
import { createWakeUps } from './internal/wakeUps';
import type { PostgresEventStoreOptions } from './postgresEventStoreOptions';

/** The PostgreSQL event store: the `EventStore` port plus schema management. */
export interface PostgresEventStore extends EventStore {
  /** Creates or upgrades the schema; idempotent and safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** The schema this store lives in. */
  readonly schema: string;
}

/**
 * Creates an `EventStore` on PostgreSQL (13 or later). Appends are one round trip each, checked and ordered by
 * the database; reads of the global log never expose a position while a lower one could still commit.
 *
 * @example
 * const store = createPostgresEventStore({ connectionString: 'postgres://localhost/crm' });
 * await store.appendToStream('customer-42', [{ type: 'CustomerRegistered', data }], { expectedRevision: 'no_stream' });
 * store.subscribeToAll({ after: checkpoint }).subscribe((event) => project(event));
 */
export const createPostgresEventStore = (options: PostgresEventStoreOptions): PostgresEventStore => {
  const resolved = resolveOptions(options);
  const { registry, schema } = resolved;
  const db = createDatabase(resolved.pool);
  const statements = createStatements(schema);
  const closers = new Set<() => void>();
  const grew = analyzeAsTheyGrow(db, [`${quoteIdentifier(schema)}.events`]);
  let lastPosition = 0n;
  const lifecycle = storeLifecycle(resolved, 'event store');
  const wakeUps = createWakeUps({
    db,
    channel: channelOf(schema),
    retryDelayMs: resolved.retryDelayMs,
    onError: resolved.onError,
  });
  const context: SubscriptionContext = {
    db,
    statements,
    schema,
    copyThreshold: resolved.copyThreshold,
    tenant: encodeText(resolved.tenantId),
    tenantId: resolved.tenantId,
    registry,
    clock: resolved.clock,
    futureToleranceMs: resolved.futureToleranceMs,
    lift:
      registry !== false && registry.hasUpcasters
        ? (event: RecordedEvent) => registry.upcast(event)
        : (event: RecordedEvent) => event,
    horizonWaitMs: resolved.horizonWaitMs,
    ready: lifecycle.ready,
    appended: (position) => {
      wakeUps.appended(position);
      // the log grew by about this much (other writers included): keep its statistics current during imports
      if (position > lastPosition) {
        grew(Number(position - lastPosition));
        lastPosition = position;
      }
    },
    wakeUps,
    onClose: (complete) => {
      closers.add(complete);
      return () => closers.delete(complete);
    },
    isClosed: lifecycle.isClosed,
    batchSize: resolved.batchSize,
    pollIntervalMs: resolved.pollIntervalMs,
    maxRetries: resolved.maxRetries,
    retryDelayMs: resolved.retryDelayMs,
    onError: resolved.onError,
  };

  return {
    registry: registry === false ? undefined : registry,
    schema,
    migrate: lifecycle.migrate,
    appendToStream: (streamId, events, appendOptions) =>
      appendToStream(context, streamId, events, appendOptions),
    appendToStreams: (appends) => appendToStreams(context, appends),
    readStream: (streamId, readOptions) => readStream(context, streamId, readOptions),
    readAll: (readOptions) => readAll(context, readOptions),
    subscribeToAll: (subscribeOptions) => subscribeToAll(context, subscribeOptions),
    headPosition: () => headPosition(context),
    close: () =>
      lifecycle.close(() => {
        for (const complete of [...closers]) complete();
        closers.clear();
        wakeUps.close();
      }),
  };
};
