import type { z } from 'zod';
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
}

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
