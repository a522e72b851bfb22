import type { RecordedEvent } from '@rapport/core';
import { defineReactor } from '@rapport/projections';

/** What the reactor remembers of a customer. */
export interface Regular {
  readonly purchases: number;
  readonly tagged: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// #region reactor
/**
 * Welcomes a new customer the next morning, tags a customer `regular` at the third purchase (a command for the
 * customer decider), and, 60 days after the last purchase, asks the customer back (a timer in event time).
 */
export const regulars = defineReactor<Regular, RecordedEvent>({
  name: 'regulars',
  version: 1,
  handles: ['CustomerRegistered', 'PurchaseCompleted'],
  emits: { commands: ['AddTag'], messages: ['Welcome', 'WeMissYou'] },
  init: () => ({ purchases: 0, tagged: false }),
  evolve: (state, event, ctx) => {
    if (event.type === 'CustomerRegistered') {
      const nextMorning = new Date(Math.floor(ctx.now.getTime() / DAY_MS) * DAY_MS + DAY_MS + 9 * 3600_000);
      ctx.send({ type: 'Welcome', payload: { customerId: ctx.key }, notBefore: nextMorning });
      return state;
    }
    const purchases = state.purchases + 1;
    if (purchases === 3 && !state.tagged) {
      ctx.command({ type: 'AddTag', data: { customerId: ctx.key, tag: 'regular' } });
    }
    ctx.schedule(new Date(ctx.now.getTime() + 60 * DAY_MS), 'win-back');
    return { purchases, tagged: state.tagged || purchases === 3 };
  },
  onTimer: (state, timer, ctx) => {
    ctx.send({
      type: 'WeMissYou',
      payload: { customerId: ctx.key, purchases: state.purchases, quietSince: timer.at },
    });
    return state;
  },
});
// #endregion reactor
