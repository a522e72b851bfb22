import { RapportError, type RecordedEvent, renderValue } from '@rapport/core';
import type { ProjectionContext, Timer } from './projectionContext';

/** What happens when `evolve` throws: record a dead letter and stop the projection, or record it and go on. */
export type FailurePolicy = 'stop' | 'skip';

/**
 * A projection: a pure fold of events into keyed JSON documents. The runtime owns everything impure
 * (reading, batching, checkpoints, timers, rebuilds); built-in read models use exactly this API.
 */
export interface ProjectionDefinition<TState, TEvent extends RecordedEvent = RecordedEvent> {
  /** Lower-case letters, digits, `-` and `_`, at most 63 characters; names the read-model collection. */
  readonly name: string;
  /** Bump it when `evolve` changes meaning: the runtime rebuilds the new version beside the old one. */
  readonly version: number;
  /** Event types this projection handles, every other is passed over; a runner refuses a type its store's registry does not know. */
  readonly handles: readonly string[];
  /** The document an event belongs to; default `event.metadata.customerId`. Undefined skips the event. */
  readonly keyOf?: (event: TEvent) => string | undefined;
  /** Other documents `evolve` may read through `ctx.related(key)` for this event (e.g. the absorbed record of a merge). */
  readonly related?: (event: TEvent) => readonly string[];
  /** The state of a document before its first event. */
  readonly init: (key: string) => TState;
  /** Folds one event into a document. Must be pure and deterministic; return `null` to delete the document. */
  readonly evolve: (state: TState, event: TEvent, ctx: ProjectionContext) => TState | null;
  /** Folds a due timer into a document; `ctx.now` is the timer's due time. */
  readonly onTimer?: (state: TState, timer: Timer, ctx: ProjectionContext) => TState | null;
  /** Default `'stop'`. */
  readonly failurePolicy?: FailurePolicy;
}

const NAME = /^[a-z][a-z0-9_-]{0,62}$/;

const invalid = (name: unknown, problem: string) =>
  new RapportError('Validation', `projection ${typeof name === 'string' ? name : '(unnamed)'}: ${problem}`, {
    data: { projection: name },
  });

/** Declares a projection, checking its shape so mistakes surface at definition time with a clear message. */
export const defineProjection = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  definition: ProjectionDefinition<TState, TEvent>,
): ProjectionDefinition<TState, TEvent> => {
  if (definition === null || typeof definition !== 'object')
    throw invalid(undefined, 'the definition must be an object');
  const { name, version, handles } = definition;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalid(
      name,
      'name must be lower-case letters, digits, - and _, starting with a letter, at most 63 characters',
    );
  }
  if (!Number.isInteger(version) || version < 1)
    throw invalid(name, `version must be a positive integer (got ${renderValue(version)})`);
  if (
    !Array.isArray(handles) ||
    handles.length === 0 ||
    handles.some((type) => typeof type !== 'string' || type === '')
  ) {
    throw invalid(name, 'handles must be a non-empty array of event type names');
  }
  for (const fn of ['init', 'evolve'] as const) {
    if (typeof definition[fn] !== 'function') throw invalid(name, `${fn} must be a function`);
  }
  for (const fn of ['keyOf', 'related', 'onTimer'] as const) {
    if (definition[fn] !== undefined && typeof definition[fn] !== 'function')
      throw invalid(name, `${fn} must be a function when given`);
  }
  if (
    definition.failurePolicy !== undefined &&
    definition.failurePolicy !== 'stop' &&
    definition.failurePolicy !== 'skip'
  ) {
    throw invalid(name, "failurePolicy must be 'stop' or 'skip'");
  }
  return Object.freeze({ ...definition, handles: Object.freeze([...handles]) });
};
