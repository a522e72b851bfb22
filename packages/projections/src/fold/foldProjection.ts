import {
  defaultFutureToleranceMs,
  type EventRegistry,
  maxTimerMs,
  type RecordedEvent,
  renderValue,
  ValidationError,
} from '@rapport/core';
import { assertHandlesKnown } from '../definition/assertHandlesKnown';
import type { AnyProjection } from '../definition/defineReactor';
import type { Effect } from '../effects/effect';
import { createEngine } from '../internal/engine/engine';
import { toIso } from '../internal/timers/time';
import type { DeadLetter, StoredTimer } from '../readModel/readModelStore';

/** Options of `foldProjection`. */
export interface FoldOptions {
  /** Apply only events that occurred at or before this instant, then advance the watermark to it (firing due timers). */
  readonly until?: Date | string;
  /** How far past its `recordedAt` an event may move the watermark; default 5 minutes, as the runner's. */
  readonly futureToleranceMs?: number;
  /** The registry the events were recorded against: the types the projection handles are checked against it. */
  readonly registry?: EventRegistry;
}

/** The read model a fold ends with. */
export interface FoldResult<TState> {
  /** Every document present at the end, by key. */
  readonly documents: ReadonlyMap<string, TState>;
  /** Timers still pending at the end, in firing order. */
  readonly timers: readonly StoredTimer[];
  /** The watermark reached: the latest event time applied, or `until`. */
  readonly watermark: string | undefined;
  /** Aliases in force: made by `ctx.absorb` (from absorbed key to absorbing key) and not undone by `ctx.release`. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Events and timers whose handling threw. */
  readonly deadLetters: readonly DeadLetter[];
  /** Set when a failure stopped the fold (failure policy `'stop'`): later events were not applied. */
  readonly stoppedBy: DeadLetter | undefined;
  /** What a reactor would have emitted, in order, none of it executed: a what-if run of a rule over history. */
  readonly effects: readonly Effect[];
}

/**
 * Folds events through a projection in memory exactly as the runner applies them (same timer firing rule,
 * absorb, release and alias routing, failure policy, passing over of unhandled types), in the order given.
 *
 * @example
 * const asOf = foldProjection(profileProjection, history, { until: '2025-06-30T23:59:59.999Z' });
 * const profile = asOf.documents.get(customerId);
 */
export const foldProjection = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  definition: AnyProjection<TState, TEvent>,
  events: Iterable<RecordedEvent>,
  options: FoldOptions = {},
): FoldResult<TState> => {
  if (options.registry !== undefined) assertHandlesKnown(definition, options.registry);
  const until = options.until === undefined ? undefined : toIso(options.until, 'foldProjection: until');
  const { futureToleranceMs = defaultFutureToleranceMs } = options;
  if (!Number.isInteger(futureToleranceMs) || futureToleranceMs < 0 || futureToleranceMs > maxTimerMs) {
    throw new ValidationError([
      {
        path: 'foldProjection: futureToleranceMs',
        rule: `must be an integer from 0 to ${maxTimerMs}`,
        got: renderValue(futureToleranceMs),
      },
    ]);
  }
  const engine = createEngine(definition, { complete: true, track: false, futureToleranceMs });
  for (const event of events) {
    if (until !== undefined && event.metadata.occurredAt > until) continue;
    if (engine.apply(event) === 'stopped') break;
  }
  if (until !== undefined) engine.advance(until);
  return {
    documents: engine.documents(),
    timers: engine.pendingTimers(),
    watermark: engine.watermark,
    aliases: new Map(engine.aliases.all()),
    deadLetters: [...engine.deadLetters],
    stoppedBy: engine.stoppedBy,
    effects: [...engine.effects],
  };
};
