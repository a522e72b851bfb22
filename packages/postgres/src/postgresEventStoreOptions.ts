import type { Clock, EventRegistry, RapportError } from '@rapport/core';
import type pg from 'pg';

/** Tuning of `subscribeToAll`. */
export interface SubscriptionOptions {
  /** Events read per page while catching up and following; default 500. */
  readonly batchSize?: number;
  /** Consecutive failed reads retried (with exponential back-off) before the subscription errors; default 5. */
  readonly maxRetries?: number;
  /** First back-off after a failed read, doubled on each retry up to 5 s; default 100 ms. */
  readonly retryDelayMs?: number;
}

/** Options of `createPostgresEventStore`. Give a `connectionString` or an existing `pool`. */
export interface PostgresEventStoreOptions {
  /** Where to connect, e.g. `postgres://user@host:5432/db`; the store then owns (and closes) its pool. */
  readonly connectionString?: string;
  /** An existing pool to use instead; the store never ends it. Its sessions must run at READ COMMITTED. */
  readonly pool?: pg.Pool;
  /** Connections of the store's own pool; default 10. One is held for LISTEN while someone subscribes. */
  readonly poolSize?: number;
  /** Server-side statement timeout of the store's own pool, in ms; default 30 000, 0 disables. */
  readonly statementTimeoutMs?: number;
  /** Schema holding the store's tables and functions; default `'rapport'`. Lower-case letters, digits, `_`. */
  readonly schema?: string;
  /** Tenant stamped on every event; a store reads and writes only its tenant's streams. Default `'default'`. */
  readonly tenantId?: string;
  /** Validates appended events; default the touchpoint catalog, `false` accepts any type with JSON data. */
  readonly registry?: EventRegistry | false;
  /** Source of `recordedAt`; default the system clock. */
  readonly clock?: Clock;
  /** How far an event's `occurredAt` may lead the moment it is recorded; an append beyond it is refused. Default 5 minutes. */
  readonly futureToleranceMs?: number;
  /** Run migrations before the first operation; default true. With false, call `migrate()` yourself. */
  readonly autoMigrate?: boolean;
  /**
   * Subscriptions are woken by LISTEN/NOTIFY and by appends of this store; they also poll at this interval, which
   * bounds the delivery latency when a notification is lost. Default 500 ms.
   */
  readonly pollIntervalMs?: number;
  /**
   * How long `readAll` and `headPosition` wait for events that are committed but not yet safe to expose (a
   * transaction that started earlier is still open) before answering without them; default 5000 ms.
   */
  readonly horizonWaitMs?: number;
  /**
   * Bulk appends of at least this many events stream their rows with COPY (four round trips, much less work per
   * row) instead of one INSERT from arrays (one round trip); default 1000.
   */
  readonly copyThreshold?: number;
  /** `application_name` of the store's own connections; default `'rapport'`. */
  readonly applicationName?: string;
  readonly subscription?: SubscriptionOptions;
  /** Told about errors the store recovered from (a dropped LISTEN connection, a retried read). */
  readonly onError?: (error: RapportError) => void;
}
