import type { Clock, RecordedEvent } from '@rapport/core';
import type { ProjectionDefinition } from '../definition/defineProjection';
import type { Checkpoint, ReadModelCommit, ReadModelStore } from '../readModel/readModelStore';
import type { Engine } from './engine';
import { maxIso } from './time';

/** What a runner batch needs besides its events. */
export interface BatchContext<TState, TEvent extends RecordedEvent> {
  readonly definition: ProjectionDefinition<TState, TEvent>;
  readonly collection: string;
  readonly readModels: ReadModelStore;
  readonly engine: Engine<TState>;
  readonly clock: Clock;
  /** At most this many stored timers are loaded per batch. */
  readonly timerLimit: number;
  /** The checkpoint the store holds, which the commit must still find there. */
  readonly committed: Checkpoint | undefined;
}

/** What a batch did. */
export interface BatchResult {
  /** How many of the events were applied (or passed over); the rest must be offered again. */
  readonly consumed: number;
  /** The checkpoint now stored. */
  readonly committed: Checkpoint | undefined;
  /** True when due timers were left for another batch (a timer limit was hit). */
  readonly moreTimers: boolean;
  /** True when the commit made this version the one readers see. */
  readonly activated: boolean;
}

/**
 * One batch: preload every document the events and due timers touch (two reads), apply the events synchronously,
 * then write documents, timers, aliases, dead letters and the checkpoint in one commit.
 * `liveNow`, when given, advances the watermark to the clock after the events.
 */
export const runBatch = async <TState, TEvent extends RecordedEvent>(
  context: BatchContext<TState, TEvent>,
  events: readonly RecordedEvent[],
  options: { readonly liveNow?: string; readonly activate?: boolean },
): Promise<BatchResult> => {
  const { definition, engine, readModels, collection } = context;
  const handles = new Set(definition.handles);
  const keyOf = definition.keyOf ?? ((event: TEvent) => event.metadata.customerId);
  const keys = new Set<string>();
  let bound = engine.watermark;
  for (const event of events) {
    bound = maxIso(bound, event.metadata.occurredAt);
    if (!handles.has(event.type)) continue;
    try {
      const raw = keyOf(event as TEvent);
      if (raw !== undefined) keys.add(engine.aliases.resolve(raw));
      for (const related of definition.related?.(event as TEvent) ?? []) keys.add(related);
    } catch {
      // the engine calls these again and records the failure as a dead letter
    }
  }
  if (options.liveNow !== undefined) bound = maxIso(bound, options.liveNow);
  const due =
    bound === undefined
      ? []
      : await readModels.dueTimers(collection, { upTo: bound, limit: context.timerLimit + 1 });
  const timers = due.slice(0, context.timerLimit);
  const last = timers[timers.length - 1];
  const horizon = due.length > context.timerLimit && last !== undefined ? last : undefined;
  for (const timer of timers) keys.add(timer.key);
  const documents = keys.size === 0 ? new Map() : await readModels.getMany(collection, [...keys]);
  engine.beginBatch({ keys, documents, timers, horizon });

  let consumed = 0;
  for (const event of events) {
    const outcome = engine.apply(event);
    if (outcome === 'cut' || outcome === 'stopped') break;
    consumed++;
  }
  let moreTimers = horizon !== undefined;
  if (options.liveNow !== undefined && consumed === events.length && engine.stoppedBy === undefined) {
    moreTimers = !engine.advance(options.liveNow) && engine.stoppedBy === undefined;
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
    context.committed !== undefined &&
    next.position === context.committed.position &&
    !activate;
  if (unchanged) return { consumed, committed: context.committed, moreTimers, activated: false };
  const recordedAt = context.clock.now().toISOString();
  const commit: ReadModelCommit = {
    collection,
    ...changes,
    deadLetters: changes.deadLetters.map((letter) => ({ ...letter, recordedAt })),
    checkpoint: { expected: context.committed?.position, next },
    ...(activate ? { activate: { projection: definition.name, version: definition.version } } : {}),
  };
  await readModels.commit(commit);
  return { consumed, committed: next, moreTimers, activated: activate };
};
