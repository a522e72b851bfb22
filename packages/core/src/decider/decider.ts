import type { z } from 'zod';
import { RapportError } from '../errors/rapportError';
import type { DomainEvent } from '../registry/defineEvent';

/** What a decision knows beyond the command and the state: when the events it decides happen. */
export interface DecisionContext {
  /**
   * The event time the decided events are recorded with, in `Date#toISOString()` form: `handleCommand` gives the
   * command's `metadata.occurredAt`, or its clock's time when there is none (the store then stamps its own).
   */
  readonly occurredAt: string;
}

/**
 * A decider: three pure functions that hold a consistency boundary's rules.
 * `decide` turns a command and the current state into new events (or throws a typed error); `handleCommand` always
 * passes a `DecisionContext`, and a rule that needs it holds only as far as it is given.
 * `evolve` folds one event into the state. Events of types `evolve` does not know must leave the state unchanged.
 * Folded from a store (`foldEvents`, `handleCommand`), the event is the recorded one, so `evolve` may read when it
 * happened from its `metadata` (see `occurredAtOf`); events without metadata must fold too.
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  readonly initialState: () => TState;
  readonly evolve: (state: TState, event: TEvent) => TState;
  readonly decide: (command: TCommand, state: TState, context?: DecisionContext) => readonly TEvent[];
  /** When present, every command is parsed with it first and a bad one is rejected with a ValidationError. */
  readonly commandSchema?: z.ZodType<TCommand>;
  /**
   * The version of `evolve` and of the state's shape, a positive integer; default 1. Bump it whenever either
   * changes: snapshots are tagged with it, and a snapshot taken by another version is ignored (the stream is folded
   * again from its first event), so a state folded by old code never reaches new `decide` rules.
   */
  readonly version?: number;
}

/** The version a decider's snapshots are tagged with; throws a Configuration error unless it is a positive integer. */
export const deciderVersion = (decider: { readonly version?: number }): number => {
  const version = decider.version ?? 1;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RapportError(
      'Configuration',
      `decider.version must be a positive integer (got ${typeof version === 'number' ? version : typeof version})`,
    );
  }
  return version;
};

/** Folds events into a decider's state, starting from `state` (default: the initial state). */
export const foldEvents = <TCommand, TState, TEvent extends DomainEvent>(
  decider: Decider<TCommand, TState, TEvent>,
  events: readonly DomainEvent[],
  state: TState = decider.initialState(),
): TState => {
  let current = state;
  for (const event of events) current = decider.evolve(current, event as TEvent);
  return current;
};

/** When an event happened (`metadata.occurredAt`) if it is a recorded event; undefined for a bare `{ type, data }`. */
export const occurredAtOf = (event: DomainEvent): string | undefined => {
  const at = (event as { readonly metadata?: { readonly occurredAt?: unknown } }).metadata?.occurredAt;
  return typeof at === 'string' ? at : undefined;
};
