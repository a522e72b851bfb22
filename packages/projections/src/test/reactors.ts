import type { Decider } from '@rapport/core';
import { defineReactor } from '../definition/defineReactor';
import type { TallyData } from './fixtures';

/** The state of the test reactor: what it saw of a document. */
export interface Thanks {
  readonly touches: number;
  readonly nudged: number;
}

/**
 * Test-only: a reactor that asks for a `Credit` command on every `Touched` event (and a second, named `bonus`, when
 * the event carries `n`), and sends a `Nudge` message when a reminder timer fires.
 */
export const thanksReactor = (version = 1) =>
  defineReactor<Thanks>({
    name: 'thanks',
    version,
    handles: ['Touched'],
    emits: { commands: ['Credit'], messages: ['Nudge'] },
    init: () => ({ touches: 0, nudged: 0 }),
    evolve: (state, event, ctx) => {
      const data = event.data as TallyData;
      ctx.command({ type: 'Credit', data: { key: ctx.key, points: 1 } });
      if (data.n !== undefined)
        ctx.command({ type: 'Credit', data: { key: ctx.key, points: data.n } }, { name: 'bonus' });
      if (data.remindInMs !== undefined)
        ctx.schedule(new Date(ctx.now.getTime() + data.remindInMs), 'remind');
      return { ...state, touches: state.touches + 1 };
    },
    onTimer: (state, timer, ctx) => {
      ctx.send({ type: 'Nudge', payload: { key: ctx.key, at: timer.at } });
      return { ...state, nudged: state.nudged + 1 };
    },
  });

/** The command the test reactor emits. */
export interface Credit {
  readonly type: 'Credit';
  readonly data: { readonly key: string; readonly points: number };
}

/** Test-only: a decider that records every credit (so a second execution would show as a second event). */
export const creditDecider: Decider<
  Credit,
  { readonly points: number },
  { type: 'Credited'; data: { points: number } }
> = {
  initialState: () => ({ points: 0 }),
  evolve: (state, event) =>
    event.type === 'Credited' ? { points: state.points + event.data.points } : state,
  decide: (command) => [{ type: 'Credited', data: { points: command.data.points } }],
};

/** Test-only: the dispatcher route of `Credit`. */
export const creditRoute = {
  decider: creditDecider,
  streamId: (command: Credit) => `credit-${command.data.key}`,
};
