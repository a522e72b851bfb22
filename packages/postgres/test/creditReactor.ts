import type { Decider } from '@rapport/core';
import { defineReactor } from '@rapport/projections';

/** Test-only: a reactor asking, for every `Touched` event, for a `Credit` command and a `Thanks` message. */
export const creditReactor = defineReactor<{ readonly touches: number }>({
  name: 'credit',
  version: 1,
  handles: ['Touched'],
  emits: { commands: ['Credit'], messages: ['Thanks'] },
  init: () => ({ touches: 0 }),
  evolve: (state, _event, ctx) => {
    ctx.command({ type: 'Credit', data: { key: ctx.key, points: 1 } });
    ctx.send({ type: 'Thanks', payload: { key: ctx.key, touch: state.touches + 1 } });
    return { touches: state.touches + 1 };
  },
});

interface Credit {
  readonly type: 'Credit';
  readonly data: { readonly key: string; readonly points: number };
}

/** Test-only: records every credit as an event, so a second execution would show. */
export const creditDecider: Decider<Credit, null, { type: 'Credited'; data: { points: number } }> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => [{ type: 'Credited', data: { points: command.data.points } }],
};

/** Test-only: the dispatcher's route of `Credit`. */
export const creditRoute = {
  decider: creditDecider,
  streamId: (command: Credit) => `credit-${command.data.key}`,
};
