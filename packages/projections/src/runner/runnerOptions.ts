import {
  type Clock,
  defaultFutureToleranceMs,
  type EventStore,
  isOptionBag,
  maxReadAllCount,
  maxTimerMs,
  type RecordedEvent,
  renderValue,
  systemClock,
  ValidationError,
  type ValidationIssue,
} from '@rapport/core';
import { defineProjection } from '../definition/defineProjection';
import { type AnyProjection, defineReactor, isReactor } from '../definition/defineReactor';
import type { ReadModelStore } from '../readModel/readModelStore';

/** How a runner reads, writes and keeps time. */
export interface ProjectionRunnerOptions<TState, TEvent extends RecordedEvent = RecordedEvent> {
  /** A projection, or a reactor (whose effects go to the read-model store's outbox with each commit). */
  readonly projection: AnyProjection<TState, TEvent>;
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
  /**
   * An event moves the watermark to its `occurredAt`, but never more than this past its `recordedAt`, so one event
   * dated in the future cannot fire every customer's timers; default `defaultFutureToleranceMs` (5 minutes). A fold
   * of the same history gives the same answer only with the same value.
   */
  readonly futureToleranceMs?: number;
}

const hasFunctions = (value: unknown, names: readonly string[]): boolean =>
  typeof value === 'object' &&
  value !== null &&
  names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/** The runner's options with defaults filled in; throws a ValidationError naming every bad option. */
export const resolveRunnerOptions = <TState, TEvent extends RecordedEvent>(
  options: ProjectionRunnerOptions<TState, TEvent>,
) => {
  if (!isOptionBag(options) || options === undefined) {
    throw new ValidationError([
      { path: 'options', rule: 'must be an options object', got: renderValue(options) },
    ]);
  }
  // throws a typed error naming what is wrong with the definition
  const reactor =
    options.projection !== null && typeof options.projection === 'object' && isReactor(options.projection);
  if (reactor) defineReactor(options.projection);
  else defineProjection(options.projection);
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 2000;
  const tickIntervalMs = options.tickIntervalMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxLiveBuffer = options.maxLiveBuffer ?? 10 * (typeof batchSize === 'number' ? batchSize : 2000);
  const cacheSize = options.cacheSize ?? 100_000;
  const futureToleranceMs = options.futureToleranceMs ?? defaultFutureToleranceMs;
  const issues: ValidationIssue[] = [];
  const need = (ok: boolean, path: string, rule: string, got: unknown) => {
    if (!ok) issues.push({ path, rule, got: renderValue(got) });
  };
  need(
    hasFunctions(options.eventStore, ['readAll', 'subscribeToAll', 'headPosition']),
    'eventStore',
    'must be an EventStore',
    options.eventStore,
  );
  need(
    hasFunctions(options.readModels, ['commit', 'readCheckpoint', 'dueTimers']),
    'readModels',
    'must be a ReadModelStore',
    options.readModels,
  );
  if (reactor) {
    need(
      hasFunctions(options.readModels?.outbox, ['claim', 'settle']),
      'readModels.outbox',
      'must be an outbox (a reactor commits its effects there)',
      options.readModels?.outbox,
    );
  }
  need(hasFunctions(clock, ['now']), 'clock', 'must have a now() method', clock);
  need(
    Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= maxReadAllCount,
    'batchSize',
    `must be an integer from 1 to ${maxReadAllCount}`,
    batchSize,
  );
  need(
    Number.isInteger(futureToleranceMs) && futureToleranceMs >= 0 && futureToleranceMs <= maxTimerMs,
    'futureToleranceMs',
    `must be an integer from 0 to ${maxTimerMs}`,
    futureToleranceMs,
  );
  for (const [path, value] of [
    ['tickIntervalMs', tickIntervalMs],
    ['retryDelayMs', retryDelayMs],
    ['maxLiveBuffer', maxLiveBuffer],
    ['cacheSize', cacheSize],
  ] as const) {
    need(
      typeof value === 'number' && Number.isFinite(value) && value >= 0,
      path,
      'must be a non-negative finite number',
      value,
    );
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { clock, batchSize, tickIntervalMs, retryDelayMs, maxLiveBuffer, cacheSize, futureToleranceMs };
};
