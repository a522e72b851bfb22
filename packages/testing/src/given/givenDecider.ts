import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import {
  type Decider,
  type DecisionContext,
  type DomainEvent,
  isRapportError,
  parseAs,
  type RapportErrorCode,
} from '@rapport/core';

/** The `when` step of a decider specification. */
export interface DeciderWhen<TCommand, TEvent extends DomainEvent> {
  /** Decides `command`, in `context` when given (as `handleCommand` does: `{ occurredAt }`). */
  when(command: TCommand, context?: DecisionContext): DeciderThen<TEvent>;
}

/** The `then` step of a decider specification. */
export interface DeciderThen<TEvent extends DomainEvent> {
  /** Asserts the command produced exactly these events (type and data, in order). */
  then(expected: readonly TEvent[]): void;
  /** Asserts the command was refused with a Rapport error of this code (and, optionally, a message fragment). */
  thenThrows(code: RapportErrorCode, messageFragment?: string): void;
}

/**
 * Given/when/then for deciders: given past events, when a command is decided, then these events or this error.
 * Failures throw node's `AssertionError`, so it works under any test runner (vitest, jest, `node:test`, mocha). A
 * past event may carry `metadata` (`{ occurredAt }`) as a recorded one does, for rules that read when it happened.
 *
 * @example
 * givenDecider(customerDecider, [registered]).when(refundTooMuch).thenThrows('IllegalState', 'exceeds');
 */
export const givenDecider = <TCommand, TState, TEvent extends DomainEvent>(
  decider: Decider<TCommand, TState, TEvent>,
  history: readonly TEvent[],
): DeciderWhen<TCommand, TEvent> => ({
  when(command, context) {
    const run = () => {
      const parsed = decider.commandSchema ? parseAs(decider.commandSchema, command, 'command') : command;
      return decider.decide(parsed, history.reduce(decider.evolve, decider.initialState()), context);
    };
    return {
      // biome-ignore lint/suspicious/noThenProperty: the given/when/then DSL is synchronous by design; do not await it
      then(expected) {
        deepStrictEqual(
          run().map(({ type, data }) => ({ type, data })),
          expected.map(({ type, data }) => ({ type, data })),
        );
      },
      thenThrows(code, messageFragment) {
        let thrown: unknown;
        try {
          run();
        } catch (error) {
          thrown = error;
        }
        if (!isRapportError(thrown, code)) {
          throw new AssertionError({ message: `expected a ${code} error, got ${describe(thrown)}` });
        }
        if (messageFragment !== undefined && !thrown.message.includes(messageFragment)) {
          throw new AssertionError({
            message: `expected the ${code} error to say "${messageFragment}": ${thrown.message}`,
          });
        }
      },
    };
  },
});

const describe = (thrown: unknown): string =>
  thrown === undefined ? 'no error (the command was accepted)' : String(thrown);
