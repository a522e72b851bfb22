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

interface Linked {
  readonly own: number;
  readonly parts: Readonly<Record<string, number>>;
}

// #region release
/** Touchpoints per customer: a merge folds the absorbed record in (absorb), an unmerge gives it back (release). */
const linked = defineProjection<Linked>({
  name: 'linked',
  version: 1,
  handles: [
    'CustomersMerged',
    'CustomersUnmerged',
    'PurchaseCompleted',
    'TagAdded',
    'NoteAdded',
    'SiteVisited',
  ],
  related: (event) =>
    event.type === 'CustomersMerged' ? [(event.data as { absorbedId: string }).absorbedId] : [],
  init: () => ({ own: 0, parts: {} }),
  evolve: (state, event, ctx) => {
    const address = event.metadata.customerId ?? ctx.key;
    if (event.type === 'CustomersMerged') {
      const { absorbedId } = event.data as { absorbedId: string };
      if (absorbedId === ctx.key) return state; // a merge cycle reaches the document itself
      const absorbed = ctx.related<Linked>(absorbedId);
      ctx.absorb(absorbedId);
      return { ...state, parts: { ...state.parts, [absorbedId]: absorbed?.own ?? 0 } };
    }
    if (event.type === 'CustomersUnmerged') {
      const { absorbedId } = event.data as { absorbedId: string };
      const part = state.parts[absorbedId];
      // only a record whose events come here can be released: a later merge may have routed it elsewhere
      if (part === undefined || ctx.resolve(absorbedId) !== ctx.key) return state;
      ctx.release(absorbedId, { own: part, parts: {} });
      const { [absorbedId]: _released, ...parts } = state.parts;
      return { ...state, parts };
    }
    if (address === ctx.key) return { ...state, own: state.own + 1 };
    return { ...state, parts: { ...state.parts, [address]: (state.parts[address] ?? 0) + 1 } };
  },
});
// #endregion release

projectionEquivalenceSuite('in-memory', {
  createStores: async () => ({
    eventStore: createInMemoryEventStore(),
    readModels: createInMemoryReadModelStore({ freeze: true }),
  }),
  projections: [activity, linked],
  cdnowCustomers: 300,
  numRuns: 20,
});
