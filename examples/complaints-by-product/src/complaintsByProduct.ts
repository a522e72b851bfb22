import type { ComplaintFiled, ComplaintResolved, EventOf, Recorded } from '@rapport/core';
import { defineProjection } from '@rapport/projections';

/** The recorded events this read model folds. */
type ComplaintEvent = Recorded<EventOf<typeof ComplaintFiled> | EventOf<typeof ComplaintResolved>>;

/** Complaints about one product: totals, outcomes, and how many were filed in the last seven days (event time). */
export interface ProductComplaints {
  readonly product: string;
  readonly filed: number;
  readonly resolved: number;
  readonly open: number;
  readonly bySeverity: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
  /** Complaints filed within the last seven days of the watermark; timers take each one out when its week ends. */
  readonly lastWeek: number;
  /** Three or more complaints in a week: the sign of a defective product. */
  readonly spike: boolean;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const SPIKE = 3;

const add = (counts: Readonly<Record<string, number>>, key: string, n = 1) => ({
  ...counts,
  [key]: (counts[key] ?? 0) + n,
});
const withCounts = (state: ProductComplaints, patch: Partial<ProductComplaints>): ProductComplaints => {
  const next = { ...state, ...patch };
  return { ...next, open: next.filed - next.resolved, spike: next.lastWeek >= SPIKE };
};

// #region projection
/**
 * Complaints per product. A resolution names only its complaint, so filing a complaint absorbs the key
 * `complaint:<id>` into the product's document: the alias routes the resolution there, even after a restart.
 */
export const complaintsByProduct = defineProjection<ProductComplaints, ComplaintEvent>({
  name: 'complaints-by-product',
  version: 1,
  handles: ['ComplaintFiled', 'ComplaintResolved'],
  keyOf: (event) =>
    event.type === 'ComplaintFiled'
      ? `product:${event.data.product ?? '(service)'}`
      : `complaint:${event.data.complaintId}`,
  // a resolution recorded before its complaint (a late event) waits in its own document until the filing absorbs it
  related: (event) => (event.type === 'ComplaintFiled' ? [`complaint:${event.data.complaintId}`] : []),
  init: (key) => ({
    product: key.replace(/^product:/, ''),
    filed: 0,
    resolved: 0,
    open: 0,
    bySeverity: {},
    outcomes: {},
    lastWeek: 0,
    spike: false,
  }),
  evolve: (state, event, ctx) => {
    if (event.type === 'ComplaintResolved') {
      return withCounts(state, {
        resolved: state.resolved + 1,
        outcomes: add(state.outcomes, event.data.outcome),
      });
    }
    const early = ctx.related<ProductComplaints>(`complaint:${event.data.complaintId}`);
    ctx.absorb(`complaint:${event.data.complaintId}`);
    // fires when the watermark passes the end of the complaint's week; at once if that is already past
    ctx.schedule(new Date(ctx.now.getTime() + WEEK_MS), `week:${event.data.complaintId}`);
    let outcomes = state.outcomes;
    for (const [outcome, n] of Object.entries(early?.outcomes ?? {})) outcomes = add(outcomes, outcome, n);
    return withCounts(state, {
      filed: state.filed + 1,
      resolved: state.resolved + (early?.resolved ?? 0),
      outcomes,
      bySeverity: add(state.bySeverity, event.data.severity),
      lastWeek: state.lastWeek + 1,
    });
  },
  onTimer: (state) => withCounts(state, { lastWeek: state.lastWeek - 1 }),
});
// #endregion projection
