import { createInMemoryEventStore } from '@rapport/core';
import { createInMemoryReadModelStore, defineProjection } from '@rapport/projections';
import { projectionEquivalenceSuite } from './projectionEquivalenceSuite';

const DAY_MS = 86_400_000;

/** Events per customer and type, and how many 30-day silences a timer saw: a projection of the generic kind. */
const activity = defineProjection<{ readonly byType: Record<string, number>; readonly silences: number }>({
  name: 'activity',
  version: 1,
  handles: ['CustomerRegistered', 'PurchaseCompleted', 'TagAdded', 'NoteAdded', 'ComplaintFiled'],
  init: () => ({ byType: {}, silences: 0 }),
  evolve: (state, event, ctx) => {
    ctx.schedule(new Date(ctx.now.getTime() + 30 * DAY_MS), 'silence');
    return { ...state, byType: { ...state.byType, [event.type]: (state.byType[event.type] ?? 0) + 1 } };
  },
  onTimer: (state) => ({ ...state, silences: state.silences + 1 }),
});

projectionEquivalenceSuite('in-memory', {
  createStores: async () => ({
    eventStore: createInMemoryEventStore(),
    readModels: createInMemoryReadModelStore({ freeze: true }),
  }),
  projections: [activity],
  cdnowCustomers: 300,
  numRuns: 20,
});
