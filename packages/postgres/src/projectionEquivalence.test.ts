import { randomBytes } from 'node:crypto';
import type { ComplaintFiled, ComplaintResolved, EventOf, Recorded } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { defineProjection } from '@rapport/projections';
import { arbitraryCustomerAppends, arbitraryOccurredAt, arbitraryTouchpoint } from '@rapport/testing';
import { type HistoryAppend, projectionEquivalenceSuite } from '@rapport/testing/vitest';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore, createPostgresReadModelStore } from './index';

type ComplaintEvent = Recorded<EventOf<typeof ComplaintFiled> | EventOf<typeof ComplaintResolved>>;
interface ProductComplaints {
  readonly filed: number;
  readonly resolved: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly lastWeek: number;
}
const WEEK_MS = 7 * 86_400_000;

/** A user's own read model, written like `examples/complaints-by-product`: keys by product, absorbs, timers. */
const complaintsByProduct = defineProjection<ProductComplaints, ComplaintEvent>({
  name: 'complaints-by-product',
  version: 1,
  handles: ['ComplaintFiled', 'ComplaintResolved'],
  keyOf: (event) =>
    event.type === 'ComplaintFiled'
      ? `product:${event.data.product ?? '(service)'}`
      : `complaint:${event.data.complaintId}`,
  related: (event) => (event.type === 'ComplaintFiled' ? [`complaint:${event.data.complaintId}`] : []),
  init: () => ({ filed: 0, resolved: 0, outcomes: {}, lastWeek: 0 }),
  evolve: (state, event, ctx) => {
    if (event.type === 'ComplaintResolved') {
      const outcome = event.data.outcome;
      return {
        ...state,
        resolved: state.resolved + 1,
        outcomes: { ...state.outcomes, [outcome]: (state.outcomes[outcome] ?? 0) + 1 },
      };
    }
    if (ctx.key === `complaint:${event.data.complaintId}`) return state;
    const early = ctx.related<ProductComplaints>(`complaint:${event.data.complaintId}`);
    ctx.absorb(`complaint:${event.data.complaintId}`);
    ctx.schedule(new Date(ctx.now.getTime() + WEEK_MS), `week:${event.data.complaintId}`);
    const outcomes = { ...state.outcomes };
    for (const [outcome, n] of Object.entries(early?.outcomes ?? {}))
      outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
    return {
      filed: state.filed + 1,
      resolved: state.resolved + (early?.resolved ?? 0),
      outcomes,
      lastWeek: state.lastWeek + 1,
    };
  },
  onTimer: (state) => ({ ...state, lastWeek: state.lastWeek - 1 }),
});

/** Complaints about a few products, filed and resolved in any order, mixed with any other touchpoints. */
const complaintHistories: fc.Arbitrary<HistoryAppend[]> = fc
  .tuple(
    arbitraryCustomerAppends({ maxEvents: 20 }),
    fc.array(
      fc.record({
        customerId: fc.constantFrom('c1', 'c2', 'c3'),
        complaintId: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
        product: fc.constantFrom('p1', 'p2', undefined),
        filed: arbitraryTouchpoint('ComplaintFiled'),
        resolved: arbitraryTouchpoint('ComplaintResolved'),
        resolves: fc.boolean(),
        occurredAt: arbitraryOccurredAt(),
      }),
      { maxLength: 20 },
    ),
  )
  .chain(([others, complaints]) =>
    fc.shuffledSubarray(
      [
        ...others,
        ...complaints.map(({ customerId, complaintId, product, filed, resolved, resolves, occurredAt }) => ({
          streamId: `customer-${customerId}`,
          event: {
            ...(resolves
              ? { type: resolved.type, data: { ...resolved.data, complaintId } }
              : {
                  type: filed.type,
                  data: { ...filed.data, complaintId, ...(product === undefined ? {} : { product }) },
                }),
            metadata: { customerId, occurredAt },
          },
        })),
      ],
      { minLength: others.length + complaints.length },
    ),
  );

const schema = randomSchema('equivalence');
const pool = new pg.Pool({ connectionString: pgUrl, max: 6 });
beforeAll(async () => {
  await createPostgresReadModelStore({ pool, schema }).migrate();
});
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});

// every projection runs on PostgreSQL with the same results as in memory; each history gets a tenant of its own
projectionEquivalenceSuite('postgres', {
  createStores: async () => {
    const tenantId = `t-${randomBytes(6).toString('hex')}`;
    const eventStore = createPostgresEventStore({ pool, schema, tenantId });
    return {
      eventStore,
      readModels: createPostgresReadModelStore({ pool, schema, tenantId }),
      teardown: () => eventStore.close(),
    };
  },
  projections: [profileProjection, complaintsByProduct],
  histories: complaintHistories,
  numRuns: 12,
});
