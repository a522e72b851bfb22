import type { RecordedEvent } from '@rapport/core';
import { defineProjection } from '../definition/defineProjection';

/** Test-only: a recorded event built by hand, for pure folds. */
export const recorded = (
  position: number,
  type: string,
  key: string | undefined,
  at: string,
  data: Record<string, unknown> = {},
): RecordedEvent => ({
  id: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
  type,
  data,
  streamId: `customer-${key ?? 'none'}`,
  streamPosition: 0n,
  globalPosition: BigInt(position),
  metadata: {
    ...(key === undefined ? {} : { customerId: key }),
    occurredAt: new Date(at).toISOString(),
    recordedAt: new Date(at).toISOString(),
    tenantId: 'default',
    schemaVersion: 1,
  },
});

/** The state of the counting projection: a double application shows in `count` and `ids`. */
export interface Tally {
  readonly count: number;
  readonly sum: number;
  /** Event ids applied, for spotting a double application. */
  readonly ids: readonly string[];
  readonly fired: readonly string[];
  readonly absorbed: readonly string[];
}

/**
 * The data of the test events: `n` to add, a timer to schedule in `remindInMs` (named `timer`), one to cancel, a key to
 * absorb or release (a released document gets a fresh tally and a timer `back` in `remindInMs`).
 */
export interface TallyData {
  readonly n?: number;
  readonly remindInMs?: number;
  readonly timer?: string;
  readonly cancel?: string;
  readonly from?: string;
}

/** Test-only: a projection exercising every context feature, order-independent by construction. */
export const tallyProjection = (
  options: { readonly version?: number; readonly failurePolicy?: 'stop' | 'skip' } = {},
) =>
  defineProjection<Tally>({
    name: 'tally',
    version: options.version ?? 1,
    handles: ['Touched', 'Merged', 'Released', 'Boom', 'Dropped'],
    related: (event) => (event.type === 'Merged' ? [(event.data as { from: string }).from] : []),
    init: () => ({ count: 0, sum: 0, ids: [], fired: [], absorbed: [] }),
    evolve: (state, event, ctx) => {
      const data = event.data as TallyData;
      if (event.type === 'Boom') throw new Error(`boom at ${event.globalPosition}`);
      if (event.type === 'Dropped') return null;
      // a merge cycle (b absorbed into d, then d into b) routes to the document itself: nothing to do
      if (event.type === 'Merged' && data.from === ctx.key) return state;
      if (event.type === 'Merged' && data.from !== undefined) {
        const other = ctx.related<Tally>(data.from);
        ctx.absorb(data.from);
        if (other === undefined) return { ...state, absorbed: [...state.absorbed, data.from].sort() };
        return {
          count: state.count + other.count,
          sum: state.sum + other.sum,
          ids: [...state.ids, ...other.ids].sort(),
          fired: [...state.fired, ...other.fired].sort(),
          absorbed: [...state.absorbed, ...other.absorbed, data.from].sort(),
        };
      }
      if (event.type === 'Released' && data.from !== undefined) {
        // only a key whose events come here can be released (a stale `absorbed` entry may have moved on)
        if (data.from === ctx.key || ctx.resolve(data.from) !== ctx.key) return state;
        const back = new Date(ctx.now.getTime() + (data.remindInMs ?? 60_000));
        ctx.release(data.from, { count: 0, sum: 0, ids: [], fired: [], absorbed: [] } satisfies Tally, [
          { at: back, name: 'back' },
        ]);
        return { ...state, absorbed: state.absorbed.filter((key) => key !== data.from) };
      }
      if (data.remindInMs !== undefined) {
        ctx.schedule(new Date(ctx.now.getTime() + data.remindInMs), data.timer ?? `r-${event.id}`, {
          id: event.id,
        });
      }
      if (data.cancel !== undefined) ctx.cancel(data.cancel);
      return {
        ...state,
        count: state.count + 1,
        sum: state.sum + (data.n ?? 0),
        ids: [...state.ids, event.id].sort(),
      };
    },
    onTimer: (state, timer) => ({ ...state, fired: [...state.fired, `${timer.name}@${timer.at}`].sort() }),
    ...(options.failurePolicy === undefined ? {} : { failurePolicy: options.failurePolicy }),
  });

/** The state of the trace projection: what happened to a document, in the order it happened. */
export interface Trace {
  readonly log: readonly string[];
}

/** Test-only: records events and timer firings in order, so any change of order or a double application shows. */
export const traceProjection = () =>
  defineProjection<Trace>({
    name: 'trace',
    version: 1,
    handles: ['Touched'],
    init: () => ({ log: [] }),
    evolve: (state, event, ctx) => {
      const data = event.data as TallyData;
      if (data.remindInMs !== undefined) {
        ctx.schedule(new Date(ctx.now.getTime() + data.remindInMs), data.timer ?? `r-${event.id}`);
      }
      if (data.cancel !== undefined) ctx.cancel(data.cancel);
      return { log: [...state.log, `e${event.globalPosition}@${event.metadata.occurredAt.slice(11, 16)}`] };
    },
    onTimer: (state, timer) => ({ log: [...state.log, `t:${timer.name}@${timer.at.slice(11, 16)}`] }),
  });

/** Test-only: one document listing the position of every `Touched` event, so a gap, a duplicate or a reordering shows. */
export const sequenceProjection = () =>
  defineProjection<{ readonly positions: readonly number[] }>({
    name: 'sequence',
    version: 1,
    handles: ['Touched'],
    keyOf: () => 'all',
    init: () => ({ positions: [] }),
    evolve: (state, event) => ({ positions: [...state.positions, Number(event.globalPosition)] }),
  });
