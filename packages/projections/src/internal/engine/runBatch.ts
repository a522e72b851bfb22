import type { Clock, RecordedEvent } from '@rapport/core';
import type { AnyProjection } from '../../definition/defineReactor';
import type { Checkpoint, ReadModelCommit, ReadModelStore } from '../../readModel/readModelStore';
import { maxIso } from '../timers/time';
import type { Engine } from './engine';

/** What a runner batch needs besides its events. */
export interface BatchContext<TState, TEvent extends RecordedEvent> {
  readonly definition: AnyProjection<TState, TEvent>;
  readonly collection: string;
  readonly readModels: ReadModelStore;
  readonly engine: Engine<TState>;
  readonly clock: Clock;
  /** At most this many stored timers are loaded per batch. */
  readonly timerLimit: number;
  /** The checkpoint the store holds, which the commit must still find there. */
  readonly committed: Checkpoint | undefined;
}

/** The clock reading of a live batch, and the head read just after it. */
export interface LiveTime {
  readonly now: string;
  /** Events up to here were appended before `now` was read: the watermark may pass `now` only once they are applied. */
  readonly head: bigint;
}

/** What a batch did. */
export interface BatchResult {
  /** How many of the events were applied (or passed over); the rest must be offered again. */
  readonly consumed: number;
  /** The checkpoint now stored. */
  readonly committed: Checkpoint | undefined;
  /**
   * True when due timers were left for another batch (a timer limit was hit). Only ever true after the batch fired
   * the timers it loaded, so a runner that asks again always makes progress and never spins.
   */
  readonly moreTimers: boolean;
  /** True when a live batch moved the watermark to the clock reading (every due timer fired). */
  readonly reachedClock: boolean;
  /** True when the commit made this version the one readers see. */
  readonly activated: boolean;
}

/**
 * One batch: preload every document the events and due timers touch (two reads), apply the events synchronously,
 * then write documents, timers, aliases, dead letters and the checkpoint in one commit.
 * `live`, when given, then advances the watermark to the clock, provided the batch reached the head read after it.
 */
export const runBatch = async <TState, TEvent extends RecordedEvent>(
  context: BatchContext<TState, TEvent>,
  events: readonly RecordedEvent[],
  options: { readonly live?: LiveTime; readonly activate?: boolean },
): Promise<BatchResult> => {
  const { definition, engine, readModels, collection } = context;
  const handles = new Set(definition.handles);
  const keyOf = definition.keyOf ?? ((event: TEvent) => event.metadata.customerId);
  const keys = new Set<string>();
  const need = (key: string) => {
    if (!engine.knows(key)) keys.add(key);
  };
  let bound = engine.watermark;
  for (const event of events) {
    bound = maxIso(bound, event.metadata.occurredAt);
    if (!handles.has(event.type)) continue;
    try {
      const raw = keyOf(event as TEvent);
      if (raw !== undefined) need(engine.aliases.resolve(raw));
      for (const related of definition.related?.(event as TEvent) ?? []) need(related);
    } catch {
      // the engine calls these again and records the failure as a dead letter
    }
  }
  const { live } = options;
  // the watermark may pass the clock only once the head read after it is applied: a batch that stops short of it
  // must not load timers it cannot fire, or it would report more timers due and make no progress on them
  const reachesHead =
    live !== undefined && (events[events.length - 1]?.globalPosition ?? engine.position) >= live.head;
  if (reachesHead) bound = maxIso(bound, live.now);
  const due =
    bound === undefined
      ? []
      : await readModels.dueTimers(collection, { upTo: bound, limit: context.timerLimit + 1 });
  const timers = due.slice(0, context.timerLimit);
  const last = timers[timers.length - 1];
  const horizon = due.length > context.timerLimit && last !== undefined ? last : undefined;
  for (const timer of timers) need(timer.key);
  const documents = keys.size === 0 ? new Map() : await readModels.getMany(collection, [...keys]);
  engine.beginBatch({ keys, documents, timers, horizon });

  let consumed = 0;
  for (const event of events) {
    const outcome = engine.apply(event);
    if (outcome === 'cut' || outcome === 'stopped') break;
    consumed++;
  }
  let moreTimers = horizon !== undefined;
  let reachedClock = false;
  if (consumed === events.length && engine.stoppedBy === undefined) {
    // every loaded timer is due by `bound`, which is where this moves the watermark: so a batch that loaded timers
    // fires them, and one with no event (a restart with timers due at its watermark) makes progress too
    const to = reachesHead ? live.now : engine.watermark;
    const reached = to === undefined || engine.advance(to);
    reachedClock = reachesHead && reached;
    moreTimers = !reached && engine.stoppedBy === undefined;
  }
  const activate = options.activate === true && consumed === events.length && engine.stoppedBy === undefined;
  const changes = engine.collect();
  // a watermark that moved with nothing else is not worth a write: timers that fired did write
  const next: Checkpoint = { position: engine.position, watermark: engine.watermark };
  const unchanged =
    changes.documents.length === 0 &&
    changes.timers.length === 0 &&
    changes.aliases.length === 0 &&
    changes.deadLetters.length === 0 &&
    changes.effects.length === 0 &&
    context.committed !== undefined &&
    next.position === context.committed.position &&
    !activate;
  if (unchanged)
    return { consumed, committed: context.committed, moreTimers, reachedClock, activated: false };
  const recordedAt = context.clock.now().toISOString();
  const { effects, ...rest } = changes;
  const commit: ReadModelCommit = {
    collection,
    ...rest,
    deadLetters: changes.deadLetters.map((letter) => ({ ...letter, recordedAt })),
    ...(effects.length > 0 ? { effects, recordedAt } : {}),
    checkpoint: { expected: context.committed?.position, next },
    ...(activate ? { activate: { projection: definition.name, version: definition.version } } : {}),
  };
  await readModels.commit(commit);
  return { consumed, committed: next, moreTimers, reachedClock, activated: activate };
};
