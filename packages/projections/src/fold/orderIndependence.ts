import { RapportError, type RecordedEvent } from '@rapport/core';
import type { ProjectionDefinition } from '../definition/defineProjection';
import { canonicalJson } from '../internal/json/canonicalJson';
import type { StoredTimer } from '../readModel/readModelStore';
import { type FoldOptions, foldProjection } from './foldProjection';

/** One document (or its pending timers) that ended differently in event-time order and in the order given. */
export interface OrderDifference<TState> {
  readonly key: string;
  readonly kind: 'document' | 'timers';
  readonly inEventTimeOrder: TState | readonly StoredTimer[] | undefined;
  readonly asGiven: TState | readonly StoredTimer[] | undefined;
}

/** Sorts events into event-time order: by occurredAt, then event id. */
export const inEventTimeOrder = (events: readonly RecordedEvent[]): RecordedEvent[] =>
  [...events].sort((a, b) => {
    const x = a.metadata.occurredAt;
    const y = b.metadata.occurredAt;
    if (x !== y) return x < y ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });

const timersByKey = (timers: readonly StoredTimer[]) => {
  const out = new Map<string, StoredTimer[]>();
  for (const timer of timers) out.set(timer.key, [...(out.get(timer.key) ?? []), timer]);
  return out;
};

/**
 * Folds `events` in the order given and in event-time order and lists every document and pending timer that
 * differs (compared as canonical JSON); an empty list means the projection is order-independent on this history.
 */
export const orderIndependenceDiff = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  definition: ProjectionDefinition<TState, TEvent>,
  events: readonly RecordedEvent[],
  options: FoldOptions = {},
): OrderDifference<TState>[] => {
  const sorted = foldProjection(definition, inEventTimeOrder(events), options);
  const given = foldProjection(definition, events, options);
  const differences: OrderDifference<TState>[] = [];
  const keys = new Set([...sorted.documents.keys(), ...given.documents.keys()]);
  for (const key of [...keys].sort()) {
    const a = sorted.documents.get(key);
    const b = given.documents.get(key);
    if (canonicalJson(a) !== canonicalJson(b))
      differences.push({ key, kind: 'document', inEventTimeOrder: a, asGiven: b });
  }
  const sortedTimers = timersByKey(sorted.timers);
  const givenTimers = timersByKey(given.timers);
  for (const key of [...new Set([...sortedTimers.keys(), ...givenTimers.keys()])].sort()) {
    const a = sortedTimers.get(key);
    const b = givenTimers.get(key);
    if (canonicalJson(a) !== canonicalJson(b))
      differences.push({ key, kind: 'timers', inEventTimeOrder: a, asGiven: b });
  }
  return differences;
};

/** Throws a Validation error naming the first differences unless `orderIndependenceDiff` finds none. */
export const assertOrderIndependent = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  definition: ProjectionDefinition<TState, TEvent>,
  events: readonly RecordedEvent[],
  options: FoldOptions = {},
): void => {
  const differences = orderIndependenceDiff(definition, events, options);
  if (differences.length === 0) return;
  const shown = differences
    .slice(0, 3)
    .map(
      (d) =>
        `${d.kind} ${d.key}: in event-time order ${canonicalJson(d.inEventTimeOrder)}, as given ${canonicalJson(d.asGiven)}`,
    );
  throw new RapportError(
    'Validation',
    `projection ${definition.name} depends on arrival order (${differences.length} difference(s)): ${shown.join('; ')}`,
    { data: { differences } },
  );
};
