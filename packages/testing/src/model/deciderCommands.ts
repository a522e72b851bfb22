import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import { type Decider, type DomainEvent, isRapportError, parseAs, type RapportError } from '@rapport/core';
import fc from 'fast-check';

/** What a model-based run of a decider checks besides "every refusal is a typed error". */
export interface DeciderModel<TCommand, TState, TEvent extends DomainEvent> {
  readonly decider: Decider<TCommand, TState, TEvent>;
  /** A law every state an accepted history reaches must keep: throw (or fail an assertion) when it is broken. */
  readonly invariant?: (state: TState, history: readonly TEvent[]) => void;
  /** The model's verdict on a command before the decider's: true accepted, false refused, undefined cannot tell. */
  readonly accepts?: (state: TState, command: TCommand, history: readonly TEvent[]) => boolean | undefined;
}

/** Where a model-based run has got to: the decider's state, the events it recorded, and what it refused. */
export interface DeciderRun<TState, TEvent extends DomainEvent> {
  state: TState;
  readonly history: TEvent[];
  readonly refused: RapportError[];
}

/** One drawn command, as fast-check's model-based testing runs it. */
class DecideCommand<TCommand, TState, TEvent extends DomainEvent>
  implements fc.Command<DeciderRun<TState, TEvent>, object>
{
  constructor(
    private readonly model: DeciderModel<TCommand, TState, TEvent>,
    private readonly command: TCommand,
  ) {}

  check(): boolean {
    return true;
  }

  run(run: DeciderRun<TState, TEvent>): void {
    const { decider, accepts, invariant } = this.model;
    const verdict = accepts?.(run.state, this.command, run.history);
    let events: readonly TEvent[];
    try {
      const command = decider.commandSchema
        ? parseAs(decider.commandSchema, this.command, 'command')
        : this.command;
      events = decider.decide(command, run.state);
      // decide is a pure function of command and state
      deepStrictEqual(decider.decide(command, run.state), events, `${this} decided differently twice`);
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      if (!isRapportError(error)) {
        throw new AssertionError({ message: `${this} threw an untyped error: ${String(error)}` });
      }
      if (verdict === true) {
        throw new AssertionError({
          message: `${this} was refused, the model expected it accepted: ${error.message}`,
        });
      }
      run.refused.push(error);
      return;
    }
    if (verdict === false) {
      throw new AssertionError({ message: `${this} was accepted, the model expected it refused` });
    }
    for (const event of events) run.state = decider.evolve(run.state, event);
    run.history.push(...events);
    invariant?.(run.state, run.history);
  }

  toString(): string {
    return `decide(${render(this.command)})`;
  }
}

const render = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * Sequences of commands drawn from `commands`, for fast-check's model-based testing of a decider: run each with
 * `runDeciderCommands`. fast-check shrinks a failing sequence to the shortest one it can find.
 *
 * @example
 * fc.assert(fc.property(deciderCommands(model, arbitraryCommand), (cmds) => { runDeciderCommands(model, cmds); }));
 */
export const deciderCommands = <TCommand, TState, TEvent extends DomainEvent>(
  model: DeciderModel<TCommand, TState, TEvent>,
  commands: fc.Arbitrary<TCommand>,
  constraints: fc.CommandsContraints = {},
): fc.Arbitrary<Iterable<fc.Command<DeciderRun<TState, TEvent>, object>>> =>
  fc.commands([commands.map((command) => new DecideCommand(model, command))], constraints);

/**
 * Runs drawn commands one by one against the decider from its initial state: every refusal must be a typed
 * `RapportError`, `decide` must be pure, the model's verdicts must hold and the invariant must keep after every
 * accepted command. Throws an `AssertionError` naming the command otherwise; returns where the run got to.
 */
export const runDeciderCommands = <TCommand, TState, TEvent extends DomainEvent>(
  model: DeciderModel<TCommand, TState, TEvent>,
  commands: Iterable<fc.Command<DeciderRun<TState, TEvent>, object>>,
): DeciderRun<TState, TEvent> => {
  const run: DeciderRun<TState, TEvent> = { state: model.decider.initialState(), history: [], refused: [] };
  fc.modelRun(() => ({ model: run, real: {} }), commands);
  return run;
};
