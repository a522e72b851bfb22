import { defineProjection } from '@rapport/projections';

/** Per stream: how many events were applied and the sum of their `n`; an event applied twice shows in both. */
export const counting = defineProjection<{ readonly count: number; readonly sum: number }>({
  name: 'counting',
  version: 1,
  handles: ['Counted'],
  keyOf: (event) => event.streamId,
  init: () => ({ count: 0, sum: 0 }),
  evolve: (state, event) => ({ count: state.count + 1, sum: state.sum + (event.data as { n: number }).n }),
});
