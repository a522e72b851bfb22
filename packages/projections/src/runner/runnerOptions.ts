import {
  type Clock,
  type EventStore,
  maxReadAllCount,
  type RecordedEvent,
  systemClock,
  ValidationError,
} from '@rapport/core';
import type { ProjectionDefinition } from '../definition/defineProjection';
import type { ReadModelStore } from '../readModel/readModelStore';

/** How a runner reads, writes and keeps time. */
export interface ProjectionRunnerOptions<TState, TEvent extends RecordedEvent = RecordedEvent> {
  readonly projection: ProjectionDefinition<TState, TEvent>;
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  /** The live watermark; default the system clock (tests pass `createFakeClock()`). */
  readonly clock?: Clock;
  /** Events per batch (and per commit); default 2000. */
  readonly batchSize?: number;
  /** How often a live runner reads the clock to fire timers; default 1000 ms, 0 leaves it to `tick()`. */
  readonly tickIntervalMs?: number;
  /** Wait before retrying after a store or subscription error; default 1000 ms. */
  readonly retryDelayMs?: number;
  /** A live runner that falls this many events behind goes back to reading in batches; default 10 × batchSize. */
  readonly maxLiveBuffer?: number;
  /**
   * Committed documents kept in memory between batches, so a batch reads only the ones it has not seen; default
   * 100000, 0 reads every batch's documents afresh. The runner must be the only writer of its collection.
   */
  readonly cacheSize?: number;
}

/** The runner's options with defaults filled in; throws a ValidationError naming every bad option. */
export const resolveRunnerOptions = <TState, TEvent extends RecordedEvent>(
  options: ProjectionRunnerOptions<TState, TEvent>,
) => {
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 2000;
  const tickIntervalMs = options.tickIntervalMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxLiveBuffer = options.maxLiveBuffer ?? 10 * batchSize;
  const cacheSize = options.cacheSize ?? 100_000;
  const issues = [
    ...(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= maxReadAllCount
      ? []
      : [
          {
            path: 'batchSize',
            rule: `must be an integer from 1 to ${maxReadAllCount}`,
            got: String(batchSize),
          },
        ]),
    ...[
      ['tickIntervalMs', tickIntervalMs],
      ['retryDelayMs', retryDelayMs],
      ['maxLiveBuffer', maxLiveBuffer],
      ['cacheSize', cacheSize],
    ].flatMap(([path, value]) =>
      typeof value === 'number' && value >= 0
        ? []
        : [{ path: String(path), rule: 'must be a non-negative number', got: String(value) }],
    ),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  return { clock, batchSize, tickIntervalMs, retryDelayMs, maxLiveBuffer, cacheSize };
};
