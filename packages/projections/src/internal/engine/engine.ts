import { defaultFutureToleranceMs, eventTimeOf, type RecordedEvent } from '@rapport/core';
import { type AnyProjection, isReactor } from '../../definition/defineReactor';
import type { Timer } from '../../definition/projectionContext';
import type { Effect } from '../../effects/effect';
import { vetEffects } from '../../effects/vetted';
import type {
  Alias,
  AliasChange,
  DeadLetter,
  DocumentChange,
  StoredTimer,
  TimerChange,
} from '../../readModel/readModelStore';
import { maxIso } from '../timers/time';
import type { TimerCursor } from '../timers/timerOrder';
import { createTimerSet } from '../timers/timerSet';
import { type AliasTable, createAliasTable } from './aliasTable';
import { createContextBuffer } from './contextBuffer';
import { createDeadLetter } from './deadLetters';
import { createDocumentSet, type Slot } from './documentSet';
import { assertStorable } from './storableCheck';

/** What applying one event did. `cut`: not applied, the batch must end first; `stopped`: it failed under 'stop'. */
export type ApplyOutcome = 'applied' | 'passed' | 'cut' | 'stopped';

/** What a batch wrote, in the port's shape. */
export interface EngineChanges {
  readonly documents: DocumentChange[];
  readonly timers: TimerChange[];
  readonly aliases: AliasChange[];
  readonly deadLetters: DeadLetter[];
  /** Effects a reactor emitted in the batch, in the order emitted. */
  readonly effects: Effect[];
}

/** Where an engine starts and how it keeps its documents. */
export interface EngineOptions {
  /** Every document is in memory (the pure fold); otherwise each batch preloads its working set. */
  readonly complete: boolean;
  /** Record changes for a commit. */
  readonly track: boolean;
  readonly position?: bigint;
  readonly watermark?: string | undefined;
  readonly aliases?: readonly Alias[];
  /** Committed documents (and their timers) a runner keeps between batches (it is their only writer); default 0. */
  readonly cacheSize?: number;
  /** How far past its `recordedAt` an event may move the watermark; default `defaultFutureToleranceMs`. */
  readonly futureToleranceMs?: number;
}

/** What a runner batch preloaded from the read-model store. */
export interface BatchLoad {
  /** Keys read from the store for this batch (the engine already knows the others). */
  readonly keys: Iterable<string>;
  readonly documents: ReadonlyMap<string, unknown>;
  /** Stored timers due by the batch's end, a prefix of the firing order. */
  readonly timers: readonly StoredTimer[];
  /** Set when `timers` was cut short by a limit: timers after this cursor were not loaded. */
  readonly horizon: TimerCursor | undefined;
}

/** The synchronous heart shared by `foldProjection` and the runner: the firing rule, routing and failure policy. */
export interface Engine<TState> {
  apply(event: RecordedEvent): ApplyOutcome;
  /** Moves the watermark to `to` (never back), firing due timers; false when stopped or held back by the horizon. */
  advance(to: string): boolean;
  beginBatch(load: BatchLoad): void;
  /** True when the document under this key (or its absence) is known without reading the store. */
  knows(key: string): boolean;
  collect(): EngineChanges;
  documents(): Map<string, TState>;
  pendingTimers(): StoredTimer[];
  readonly aliases: AliasTable;
  readonly watermark: string | undefined;
  readonly position: bigint;
  /** The dead letter that stopped the engine, if one did. */
  readonly stoppedBy: DeadLetter | undefined;
  /** Every dead letter recorded so far, when not tracking changes (the pure fold). */
  readonly deadLetters: readonly DeadLetter[];
  /** Every effect emitted so far, when not tracking changes (the pure fold: a what-if run). */
  readonly effects: readonly Effect[];
}

/** Creates an engine for one projection. */
export const createEngine = <TState, TEvent extends RecordedEvent>(
  definition: AnyProjection<TState, TEvent>,
  options: EngineOptions,
): Engine<TState> => {
  const handles = new Set(definition.handles);
  const keyOf = definition.keyOf ?? ((event: TEvent) => event.metadata.customerId);
  const policy = definition.failurePolicy ?? 'stop';
  const docs = createDocumentSet<TState>(options.complete, options.track);
  const timers = createTimerSet(options.track);
  const aliases = createAliasTable(options.track);
  aliases.load(options.aliases ?? []);
  const emitter = isReactor(definition)
    ? {
        reactor: definition.name,
        version: definition.version,
        commands: new Set(definition.emits.commands ?? []),
        messages: new Set(definition.emits.messages ?? []),
      }
    : undefined;
  const buffer = createContextBuffer(
    definition.name,
    definition.onTimer !== undefined,
    (key) => docs.slot(key).state ?? undefined,
    aliases,
    emitter,
    () => position,
  );
  const { context, ops } = buffer;
  const allDeadLetters: DeadLetter[] = [];
  const batchDeadLetters: DeadLetter[] = [];
  // a runner's engine hands each batch's effects to its commit; the pure fold keeps them all
  let effects: Effect[] = [];
  // ids emitted in this batch (the pure fold: so far); the outbox drops an id it already holds
  const emitted = new Set<string>();
  let watermark = options.watermark;
  const futureToleranceMs = options.futureToleranceMs ?? defaultFutureToleranceMs;
  let position = options.position ?? 0n;
  let horizon: TimerCursor | undefined;
  let stoppedBy: DeadLetter | undefined;
  const noRelated: readonly string[] = [];

  /** Applies the buffered requests and the returned state of one successful call. */
  const settle = (slot: Slot<TState>, next: TState | null) => {
    const { key } = slot;
    for (const op of ops) {
      switch (op.kind) {
        case 'schedule':
          if (next !== null) timers.schedule(op.timer);
          break;
        case 'cancel':
          timers.cancel(key, op.name);
          break;
        case 'absorb':
          docs.write(docs.slot(op.from, true), null);
          timers.clear(op.from);
          aliases.set(op.from, key);
          break;
        case 'release':
          // aliases into op.key stay: those keys now reach the released document
          aliases.remove(op.key);
          timers.clear(op.key);
          docs.write(docs.slot(op.key, true), op.document as TState);
          for (const timer of op.timers) timers.schedule(timer);
          break;
        case 'effect':
          // a timer rescheduled to the very time it fired at fires again: the same occurrence, so the same effect
          if (!emitted.has(op.effect.id)) {
            emitted.add(op.effect.id);
            effects.push(op.effect);
          }
          break;
      }
    }
    if (next === null) {
      if (slot.state !== null) docs.write(slot, null);
      timers.clear(key);
    } else if (next !== slot.state) docs.write(slot, next);
  };

  const failed = (
    error: unknown,
    event: RecordedEvent | undefined,
    key: string | undefined,
    timer?: StoredTimer,
  ) => {
    const letter = createDeadLetter(definition, policy, { error, event, key, timer, position });
    // a runner's engine lives for many batches: it hands dead letters to each commit and keeps none
    if (options.track) batchDeadLetters.push(letter);
    else allDeadLetters.push(letter);
    if (policy === 'stop') stoppedBy = letter;
    return policy === 'stop';
  };

  const fire = (timer: StoredTimer): boolean => {
    const slot = docs.slot(timer.key);
    buffer.point(timer.key, timer.at, undefined, noRelated, timer);
    const view: Timer =
      timer.payload === undefined
        ? { name: timer.name, at: timer.at }
        : { name: timer.name, at: timer.at, payload: timer.payload };
    let next: TState | null;
    try {
      next = definition.onTimer!(slot.state ?? definition.init(timer.key), view, context);
      if (next !== slot.state) assertStorable(next, slot.state);
    } catch (error) {
      if (failed(error, undefined, timer.key, timer)) return false;
      timers.cancel(timer.key, timer.name);
      return true;
    }
    timers.cancel(timer.key, timer.name);
    settle(slot, next);
    return true;
  };

  const fireDue = (): boolean => {
    if (watermark === undefined) return true;
    for (
      let timer = timers.nextDue(watermark, horizon);
      timer !== undefined;
      timer = timers.nextDue(watermark, horizon)
    ) {
      if (!fire(timer)) return false;
    }
    return true;
  };

  const advance = (to: string): boolean => {
    if (stoppedBy !== undefined) return false;
    if (horizon !== undefined && maxIso(watermark, to) >= horizon.at) {
      watermark = maxIso(watermark, horizon.at);
      fireDue();
      return false;
    }
    watermark = maxIso(watermark, to);
    return fireDue() && stoppedBy === undefined;
  };

  const apply = (event: RecordedEvent): ApplyOutcome => {
    if (!advance(eventTimeOf(event.metadata, futureToleranceMs)))
      return stoppedBy === undefined ? 'cut' : 'stopped';
    if (!handles.has(event.type)) {
      position = event.globalPosition;
      return 'passed';
    }
    let key: string | undefined;
    try {
      const raw = keyOf(event as TEvent);
      if (raw === undefined) {
        position = event.globalPosition;
        return 'passed';
      }
      key = aliases.resolve(raw);
      const slot = docs.slot(key);
      buffer.point(
        key,
        event.metadata.occurredAt,
        event,
        definition.related?.(event as TEvent) ?? noRelated,
        undefined,
      );
      const next = definition.evolve(slot.state ?? definition.init(key), event as TEvent, context);
      if (next !== slot.state) assertStorable(next, slot.state);
      settle(slot, next);
    } catch (error) {
      if (failed(error, event, key)) return 'stopped';
    }
    position = event.globalPosition;
    return fireDue() ? 'applied' : 'stopped';
  };

  return {
    apply,
    advance,
    beginBatch(load) {
      docs.load(load.keys, load.documents);
      timers.load(load.timers);
      horizon = load.horizon;
    },
    knows: (key) => docs.has(key),
    collect: () => {
      const deadLetters = [...batchDeadLetters];
      batchDeadLetters.length = 0;
      const changes = {
        documents: docs.collect(),
        timers: timers.collect(),
        aliases: aliases.collect(),
        deadLetters,
        effects: vetEffects(effects),
      };
      effects = [];
      emitted.clear();
      // after the batch, before the next one preloads: cached documents and their cached timers (copies of what is
      // being committed) are dropped together when the cache outgrows its size
      if (docs.trim(options.cacheSize ?? 0)) timers.reset();
      return changes;
    },
    documents: () => docs.entries(),
    pendingTimers: () => timers.pending(),
    aliases,
    get watermark() {
      return watermark;
    },
    get position() {
      return position;
    },
    get stoppedBy() {
      return stoppedBy;
    },
    deadLetters: allDeadLetters,
    get effects() {
      return effects;
    },
  };
};
