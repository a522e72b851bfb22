import type { Clock, EventRegistry, RecordedEvent } from '@rapport/core';
import type { ProjectionDefinition, ReadModelStore } from '@rapport/projections';
import type { EventStoreDbClient, SubscriptionRetryOptions } from './createEventStoreDbEventStore';

/** Options of `createEventStoreDbPartitionedWorker`: give a `client` you own, or a `connectionString` the worker owns. */
export interface EventStoreDbPartitionedWorkerOptions<TState, TEvent extends RecordedEvent = RecordedEvent> {
  /** A projection without timers (`onTimer`): a worker sees only its share of the log, so it has no global watermark. */
  readonly projection: ProjectionDefinition<TState, TEvent>;
  /** Any read-model store; every worker of the group commits to the projection version's one collection. */
  readonly readModels: ReadModelStore;
  readonly client?: EventStoreDbClient;
  readonly connectionString?: string;
  /** Lifts old schema versions on read; default the touchpoint catalog, `false` takes events as stored. */
  readonly registry?: EventRegistry | false;
  /** Tenant assumed for events written without one; default `'default'`. */
  readonly tenantId?: string;
  /** Persistent subscription group; default `rapport-<name>_v<version>`, so a new version gets its own group. */
  readonly group?: string;
  /**
   * Server-side filter on stream name prefixes (e.g. `['customer-']`); default every non-system stream. Prefer it to
   * `filterEventTypes`: a stream's events then arrive without holes.
   */
  readonly streamPrefixes?: readonly string[];
  /** Filter on the server by the projection's `handles` instead: less traffic, but each hole is read from its stream. */
  readonly filterEventTypes?: boolean;
  /** Applies only events after this global position (exclusive); default `0n`, the whole log. Used when the group is created. */
  readonly after?: bigint;
  /** Messages applied per commit; default 100. */
  readonly batchSize?: number;
  /** Messages the server keeps in flight to this worker unacknowledged; default twice `batchSize`. */
  readonly bufferSize?: number;
  /** Server redelivers a message unacknowledged this long; default 30 000 ms. Used when the group is created. */
  readonly messageTimeoutMs?: number;
  /** Redeliveries before the server parks a message; default 10. Used when the group is created. */
  readonly maxRetryCount?: number;
  /** Records per read when a stream's hole is filled; default 500. */
  readonly readPageSize?: number;
  /** Key prefix of the per-stream ledger documents kept in the projection's collection; default `'$esdb-applied:'`. */
  readonly ledgerPrefix?: string;
  /** Commit attempts per batch when other workers' commits conflict; default 50. */
  readonly maxConflicts?: number;
  readonly subscriptionRetry?: SubscriptionRetryOptions;
  /** Source of dead letters' `recordedAt`; default the system clock. */
  readonly clock?: Clock;
  /** Told about errors the worker recovered from (a dropped subscription, a failed ack, a parked stream). */
  readonly onError?: (error: unknown) => void;
}
