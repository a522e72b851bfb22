import type { z } from 'zod';
import { RapportError } from '../errors/rapportError';
import type { DomainEvent } from '../registry/defineEvent';

/**
 * A decider: three pure functions that hold a consistency boundary's rules.
 * `decide` turns a command and the current state into new events (or throws a typed error);
 * `evolve` folds one event into the state. Events of types `evolve` does not know must leave the state unchanged.
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  readonly initialState: () => TState;
  readonly evolve: (state: TState, event: TEvent) => TState;
  readonly decide: (command: TCommand, state: TState) => readonly TEvent[];
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
