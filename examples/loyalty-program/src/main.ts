import assert from 'node:assert/strict';
import {
  createCustomerService,
  createFakeClock,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  createProtectedEventStore,
} from '@rapport/core';
import {
  accountRoutes,
  type BalancesState,
  createBalancesProjection,
  createEarningReactor,
  createLoyaltyService,
  figuresAt,
  parseProgram,
  rewardRedemption,
  simulate,
} from '@rapport/loyalty';
import {
  createEffectDispatcher,
  createInMemoryReadModelStore,
  createProjectionRunner,
} from '@rapport/projections';

// #region program
// a program is data: JSON in, JSON out, validated, one version in force from `effectiveFrom`
const teaClub = parseProgram({
  id: 'tea-club',
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00Z',
  currency: 'EUR',
  earning: {
    base: { id: 'base', pointsPerUnit: 1 },
    multipliers: [{ id: 'gold-earn', on: 'tier', match: 'gold', factor: 2 }],
    bonuses: [
      { id: 'welcome', trigger: 'enrolment', points: 20 },
      { id: 'first-order', trigger: 'first_purchase', points: 30 },
    ],
    caps: [{ id: 'order-cap', per: 'order', points: 500 }],
  },
  pending: { returnWindowDays: 14 },
  expiry: { kind: 'after_days', days: 180 },
  tiers: {
    basis: 'qualifying_spend',
    window: { kind: 'rolling_days', days: 365 },
    requalifyAfterDays: 365,
    manual: 'floor',
    levels: [
      { id: 'green', name: 'Green', threshold: 0 },
      { id: 'gold', name: 'Gold', threshold: 20_000 }, // €200 over the last year, in cents
    ],
  },
  rewards: [{ id: 'free-tin', name: 'A free tin of tea', cost: 100 }],
  negativeBalance: 'debt',
});
// #endregion program

// #region wiring
const clock = createFakeClock('2026-03-01T10:00:00Z');
const store = createProtectedEventStore({
  store: createInMemoryEventStore({ clock }),
  keyStore: createInMemoryKeyStore(),
});
const readModels = createInMemoryReadModelStore();
const customers = createCustomerService(store, { clock });
const loyalty = createLoyaltyService(store, { clock });
const earning = createEarningReactor({ programs: [teaClub] }); // decides points, reversals, expiry, tiers
const balances = createBalancesProjection({ programs: [teaClub] }); // the read model
const runners = [
  createProjectionRunner({ projection: earning, eventStore: store, readModels, clock, tickIntervalMs: 0 }),
  createProjectionRunner({ projection: balances, eventStore: store, readModels, clock, tickIntervalMs: 0 }),
];
// the reactor's commands are executed once each, in the order it decided them, on the customer's account
const dispatcher = createEffectDispatcher({
  outbox: readModels.outbox,
  eventStore: store,
  reactors: [earning],
  commands: accountRoutes(),
  clock,
});
// #endregion wiring
for (const runner of runners) runner.start();

/** Lets the runners catch up and the dispatcher execute what they decided, until everything is still. */
const settle = async () => {
  for (;;) {
    const head = await store.headPosition();
    for (const runner of runners) {
      await runner.waitForPosition(head);
      await runner.tick();
    }
    await dispatcher.drain();
    if ((await store.headPosition()) === head) return;
  }
};
/** Mia's balances read model. */
const balancesOf = async () =>
  (await readModels.get(`${balances.name}_v${balances.version}`, 'mia')) as BalancesState | undefined;
const at = (date: string) => ({ metadata: { occurredAt: `${date}T10:00:00.000Z` } });
const moveTo = async (date: string) => {
  clock.set(`${date}T10:00:00.000Z`);
  await settle();
};
const buy = async (orderId: string, cents: number, date: string) => {
  await moveTo(date);
  await customers.execute(
    {
      type: 'RecordPurchase',
      data: {
        customerId: 'mia',
        orderId,
        currency: 'EUR',
        paymentMethod: 'card',
        total: cents,
        lines: [{ sku: 'sencha', category: 'green-tea', quantity: 1, unitPrice: cents }],
      },
    },
    at(date),
  );
};

// #region story
await customers.execute(
  { type: 'RegisterCustomer', data: { customerId: 'mia', kind: 'customer' } },
  at('2026-03-01'),
);
await loyalty.execute(
  {
    type: 'EnrolLoyalty',
    data: { customerId: 'mia', programId: 'tea-club', programVersion: 1, negativeBalancePolicy: 'debt' },
  },
  at('2026-03-01'),
);
await buy('o-1', 4_500, '2026-03-02'); // 45 points + 30 first-order, pending for 14 days
await buy('o-2', 16_000, '2026-03-20'); // €205 in a year: gold at once
await buy('o-3', 3_000, '2026-04-10'); // gold earns double: 60
await moveTo('2026-04-12');
await customers.execute(
  {
    type: 'RecordRefund',
    data: {
      customerId: 'mia',
      orderId: 'o-2',
      refundId: 'rf-1',
      kind: 'return',
      amount: 8_000,
      currency: 'EUR',
      reason: 'changed_mind',
    },
  },
  at('2026-04-12'),
); // half of o-2 comes back: half its 160 points go
await moveTo('2026-04-30');
// a reward of the program, at its cost (100 points): taken from the lots that expire first
await loyalty.execute(
  rewardRedemption(teaClub, { customerId: 'mia', rewardId: 'free-tin', redemptionId: 'tin-1' }),
  at('2026-04-30'),
);
await moveTo('2026-05-01');
const mia = await balancesOf();
console.log(mia?.figures); // { available: 135, pending: 0, lifetimeEarned: 315, redeemed: 100, reversed: 80, … }
console.log(mia?.tier.current, mia?.tier.progress, mia?.tier.nextReviewAt); // gold, undefined (top level), 2027-03-20
for (const movement of mia?.movements ?? [])
  console.log(
    movement.at.slice(0, 10),
    movement.kind,
    movement.points,
    movement.what ?? movement.earningId,
    movement.cause,
  );
// #endregion story
assert.deepEqual(
  { ...mia?.figures },
  {
    available: 135,
    pending: 0,
    lifetimeEarned: 315,
    redeemed: 100,
    expired: 0,
    reversed: 80,
    adjusted: 0,
    debt: 0,
    expiringWithin30Days: 0,
  },
);
assert.equal(mia?.tier.current, 'gold');

// #region time
// nothing happens for months: lots expire 180 days after they unlocked, by a timer, with no event from anyone
await moveTo('2026-09-30');
const later = await balancesOf();
console.log(later?.figures.available, later?.figures.expired); // 60 left (o-3's lot), 75 expired (o-2's rest)
assert.deepEqual([later?.figures.available, later?.figures.expired], [60, 75]);
// and any time can be read from the document: o-3's lot (unlocked 24 April) lapses on 21 October
assert.equal(figuresAt(later!, '2026-10-21T10:00:00.000Z').available, 0);
// #endregion time

// #region what-if
// before a change goes live: what would triple points on green tea have given, per customer and in total?
const greenTea = parseProgram({
  ...JSON.parse(JSON.stringify(teaClub)),
  version: 2,
  earning: {
    ...teaClub.earning,
    multipliers: [
      ...teaClub.earning.multipliers,
      { id: 'green-tea-x3', on: 'category', match: 'green-tea', factor: 3 },
    ],
  },
});
const report = await simulate([greenTea], store, { current: [teaClub], to: clock.now().toISOString() });
console.log(report.total.difference); // { earned: +…, reversed: +…, expired: +…, … }: nothing was written or sent
// #endregion what-if
assert.equal(report.customers.length, 1);
assert.ok(report.total.difference.earned > 0);
assert.equal(
  (await store.readAll({ maxCount: 10_000 })).events.filter(
    (event: { type: string }) => event.type === 'PointsEarned',
  ).length,
  4,
);

for (const runner of runners) await runner.stop();
console.log('loyalty-program example: ok');
