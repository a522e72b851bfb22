import { createCustomerService, createFakeClock, createInMemoryEventStore } from '@rapport/core';
import {
  assertOrderIndependent,
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
} from '@rapport/projections';
import { complaintsByProduct, type ProductComplaints } from './complaintsByProduct';

// #region record
const store = createInMemoryEventStore();
const customers = createCustomerService(store);
const shop = { channel: 'phone', source: 'call-centre' } as const;

for (const customerId of ['ann', 'bob', 'cid', 'dee', 'eve']) {
  await customers.execute(
    { type: 'RegisterCustomer', data: { customerId, kind: 'customer' } },
    { metadata: { ...shop, occurredAt: '2026-02-01T09:00:00Z' } },
  );
}
const complaints = [
  ['ann', 'c-1', 'kettle-k2', 'high', '2026-03-01T10:00:00Z'],
  ['bob', 'c-2', 'kettle-k2', 'critical', '2026-03-02T11:30:00Z'],
  ['cid', 'c-3', 'toaster-t1', 'low', '2026-03-02T15:00:00Z'],
  ['dee', 'c-4', 'kettle-k2', 'high', '2026-03-03T08:45:00Z'],
  ['eve', 'c-5', undefined, 'medium', '2026-03-03T17:20:00Z'],
] as const;
for (const [customerId, complaintId, product, severity, occurredAt] of complaints) {
  await customers.execute(
    {
      type: 'RecordTouchpoint',
      data: {
        customerId,
        event: {
          type: 'ComplaintFiled',
          data: { complaintId, severity, ...(product === undefined ? {} : { product }) },
        },
      },
    },
    { metadata: { ...shop, occurredAt } },
  );
}
await customers.execute(
  {
    type: 'RecordTouchpoint',
    data: {
      customerId: 'ann',
      event: { type: 'ComplaintResolved', data: { complaintId: 'c-1', outcome: 'replaced' } },
    },
  },
  { metadata: { ...shop, occurredAt: '2026-03-04T09:00:00Z' } },
);
// #endregion record

// #region run
const clock = createFakeClock('2026-03-05T00:00:00Z');
const readModels = createInMemoryReadModelStore();
const runner = createProjectionRunner({
  projection: complaintsByProduct,
  eventStore: store,
  readModels,
  clock,
});
runner.start();
await runner.waitForPosition(await store.headPosition());
await runner.tick(); // live: the watermark is now the clock

const reader = createProjectionReader<ProductComplaints>(readModels, 'complaints-by-product');
// #endregion run

const show = async (title: string) => {
  console.log(`\n${title} (watermark ${runner.status().watermark})`);
  const { documents } = await reader.list({ prefix: 'product:' });
  for (const { document: p } of documents) {
    const severity = Object.entries(p.bySeverity)
      .map(([level, n]) => `${level} ${n}`)
      .join(', ');
    console.log(
      `  ${p.product.padEnd(11)} filed ${p.filed}  open ${p.open}  last 7 days ${p.lastWeek}` +
        `  [${severity}]${p.spike ? '  <- spike: check this product for a defect' : ''}`,
    );
  }
};

await show('Complaints per product');

// #region time
// days later, with no new event, the first complaints' weeks have ended: their timers fire on the clock alone
clock.set('2026-03-09T00:00:00Z');
await runner.tick();
// #endregion time
await show('Four days later');

// #region order
// the same history arriving backwards (every resolution before its complaint) must end in the same read model
const history = (await store.readAll({ maxCount: 10_000 })).events;
assertOrderIndependent(complaintsByProduct, [...history].reverse());
// #endregion order

const status = runner.status();
console.log(
  `\nrunner: ${status.state} at position ${status.position} of ${status.head}, lag ${status.lagEvents} events`,
);
await runner.stop();
await store.close();
