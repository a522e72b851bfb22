import type { EventStore, RecordedEvent } from '@rapport/core';
import type { AnyProjection, ProjectionRunnerOptions } from '@rapport/projections';
import type { PostgresReadModelStore } from './postgresReadModelStore';

/** Options of `createPartitionWorker`. */
export interface PartitionWorkerOptions<TState, TEvent extends RecordedEvent = RecordedEvent> {
  /** A projection, or a reactor: each partition's runner commits its effects with that partition's checkpoint. */
  readonly projection: AnyProjection<TState, TEvent>;
  /** Any event store (PostgreSQL, or another); every partition reads the whole log and passes over others' events. */
  readonly eventStore: EventStore;
  /** A store from `createPostgresReadModelStore`: its pool also holds this worker's lock connection. */
  readonly readModels: PostgresReadModelStore;
  /** How many partitions the projection runs as, 1 to 1024. Fixed for a projection version: to change it, bump the version. */
  readonly partitions: number;
  /** How often a worker counts the live workers and takes or gives back partitions; default 1000 ms. */
  readonly rebalanceIntervalMs?: number;
  /** Options of each partition's runner (batch size, clock, ticks, retries, cache). */
  readonly runner?: Omit<ProjectionRunnerOptions<TState, TEvent>, 'projection' | 'eventStore' | 'readModels'>;
  /** Told about errors the worker recovered from (a lost lock connection, a failed rebalance). */
  readonly onError?: (error: unknown) => void;
}
