import assert from 'node:assert/strict';
import {
  createCustomerService,
  createFakeClock,
  createInMemoryEventStore,
  customerDecider,
  customerStreamId,
} from '@rapport/core';
import {
  createEffectDispatcher,
  createInMemoryReadModelStore,
  createProjectionRunner,
  foldProjection,
  type OutboundMessage,
} from '@rapport/projections';
import { regulars } from './regulars';

const store = createInMemoryEventStore();
const customers = createCustomerService(store);
const at = (day: number) => new Date(Date.UTC(2026, 2, day, 14)).toISOString();
await customers.execute(
  { type: 'RegisterCustomer', data: { customerId: 'ann', kind: 'customer' } },
  { metadata: { occurredAt: at(1) } },
);
for (const [n, day] of [
  [1, 2],
  [2, 9],
  [3, 20],
] as const) {
  await customers.execute(
    {
      type: 'RecordPurchase',
      data: {
        customerId: 'ann',
        orderId: `o-${n}`,
        currency: 'EUR',
        paymentMethod: 'card',
        total: 1500,
        lines: [{ sku: 'tea', quantity: 1, unitPrice: 1500 }],
      },
    },
    { metadata: { occurredAt: at(day) } },
  );
}

// #region run
const clock = createFakeClock('2026-06-01T00:00:00Z'); // 73 days after the last purchase: the win-back timer is due
const readModels = createInMemoryReadModelStore();
const runner = createProjectionRunner({
  projection: regulars,
  eventStore: store,
  readModels,
  clock,
  tickIntervalMs: 0,
});
runner.start();
await runner.waitForPosition(await store.headPosition());
await runner.tick();
await runner.stop();
// three effects wait in the outbox, committed with the reactor's documents and checkpoint
const pending = (await readModels.outbox.list({ status: 'pending' })).entries;
console.log(
  pending.map(
    (effect) =>
      `${effect.kind} ${effect.type} (because of ${effect.cause.eventType ?? `timer ${effect.cause.timer?.name}`})`,
  ),
);
// #endregion run
assert.deepEqual(
  pending.map((effect) => effect.type),
  ['Welcome', 'AddTag', 'WeMissYou'],
);

// #region dispatch
const delivered: OutboundMessage[] = [];
let mailServerUp = false;
const dispatcher = createEffectDispatcher({
  outbox: readModels.outbox,
  eventStore: store,
  reactors: [regulars],
  commands: {
    AddTag: { decider: customerDecider, streamId: (command) => customerStreamId(command.data.customerId) },
  },
  // a real sender passes message.id to its provider as the idempotency key
  send: async (message) => {
    if (!mailServerUp) throw new Error('421 service not available');
    delivered.push(message);
  },
  clock,
  backoff: { initialMs: 60_000 },
});
console.log(await dispatcher.drain()); // { sent: 1, failed: 2, dead: 0 }: the tag is added, the mail server is down
mailServerUp = true;
clock.advance(60_000);
console.log(await dispatcher.drain()); // { sent: 2, failed: 0, dead: 0 }: both messages go out on the retry
const welcome = await readModels.outbox.get(pending[0]!.id);
console.log(welcome?.history.map((line) => line.what)); // [ 'created', 'failed', 'sent' ]
// #endregion dispatch
// the retries are jittered (see backoffMs), so which of the two goes first is chance: compare them as a set
assert.deepEqual(delivered.map((message) => [message.type, message.attempt]).sort(), [
  ['WeMissYou', 2],
  ['Welcome', 2],
]);
assert.deepEqual(
  welcome?.history.map((line) => line.what),
  ['created', 'failed', 'sent'],
);
const tags = (await customers.history('ann')).filter((event) => event.type === 'TagAdded');
assert.equal(tags.length, 1);

// #region replay
// a rebuild of the reactor derives the same effect ids: nothing new enters the outbox, nothing is executed again
await readModels.dropCollection('regulars_v1');
const rebuild = createProjectionRunner({
  projection: regulars,
  eventStore: store,
  readModels,
  clock,
  tickIntervalMs: 0,
});
rebuild.start();
await rebuild.waitForPosition(await store.headPosition());
await rebuild.tick();
await rebuild.stop();
console.log(await dispatcher.drain()); // { sent: 0, failed: 0, dead: 0 }

// what-if: the same pure fold with no dispatcher, e.g. to see what a rule change would have sent
const history = (await store.readAll()).events;
const wouldSend = foldProjection(regulars, history, { until: clock.now() }).effects.map(
  (effect) => effect.type,
);
console.log(wouldSend); // [ 'Welcome', 'AddTag', 'WeMissYou' ]
// #endregion replay
assert.equal((await readModels.outbox.list()).entries.length, 3);
assert.deepEqual(wouldSend, ['Welcome', 'AddTag', 'WeMissYou']);
assert.equal((await customers.history('ann')).filter((event) => event.type === 'TagAdded').length, 1);
console.log('reactors example: ok');
