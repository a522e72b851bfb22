import {
  type CustomerCommandInput,
  createCustomerService,
  createInMemoryEventStore,
  isIllegalState,
} from '@rapport/core';

// #region setup
const store = createInMemoryEventStore();
const customers = createCustomerService(store);
// #endregion setup
const web = { channel: 'web', source: 'quickstart' } as const;

await customers.execute(
  {
    type: 'RegisterCustomer',
    data: {
      customerId: 'ada',
      kind: 'prospect',
      name: { given: 'Ada', family: 'Lovelace' },
      emails: [{ address: 'ada@example.com', label: 'personal', primary: true }],
      acquisition: { channel: 'web', campaign: 'spring-newsletter' },
    },
  },
  { metadata: { ...web, occurredAt: '2026-03-01T10:00:00Z' } },
);
await customers.execute(
  { type: 'GrantConsent', data: { customerId: 'ada', channel: 'email', purpose: 'marketing' } },
  { metadata: { ...web, occurredAt: '2026-03-01T10:01:00Z' } },
);
// money is integer minor units (cents): 2 × $12.99 = $25.98
const checkout: CustomerCommandInput = {
  type: 'RecordPurchase',
  data: {
    customerId: 'ada',
    orderId: 'o-1001',
    lines: [
      { sku: 'CD-42', name: 'Analytical Engine Suite', category: 'classical', quantity: 2, unitPrice: 1299 },
    ],
    total: 2598,
    currency: 'USD',
    paymentMethod: 'card',
  },
};
await customers.execute(checkout, {
  metadata: { ...web, occurredAt: '2026-03-02T18:30:00Z' },
  idempotencyKey: 'checkout-1001',
});
// #region idempotency
// a retried webhook: same idempotency key, recorded once
const retry = await customers.execute(checkout, { metadata: web, idempotencyKey: 'checkout-1001' });
console.log(`retried checkout recorded again? ${retry.duplicate ? 'no (idempotent)' : 'yes'}`);
// #endregion idempotency

await customers.execute(
  {
    type: 'RecordTouchpoint',
    data: {
      customerId: 'ada',
      event: {
        type: 'ReviewPosted',
        data: { reviewId: 'r-1', rating: 5, platform: 'own_site', product: 'CD-42' },
      },
    },
  },
  { metadata: { ...web, occurredAt: '2026-03-05T09:00:00Z' } },
);
// #region refusal
try {
  await customers.execute({
    type: 'RecordRefund',
    data: {
      customerId: 'ada',
      orderId: 'o-1001',
      refundId: 'rf-1',
      kind: 'refund',
      amount: 9999,
      currency: 'USD',
      reason: 'goodwill',
    },
  });
} catch (error) {
  if (!isIllegalState(error)) throw error;
  console.log(`refused: ${error.message}`);
}
// #endregion refusal

console.log('\nstream customer-ada:');
for (const event of await customers.history('ada')) {
  console.log(
    `  #${event.streamPosition} @${event.globalPosition} ${event.metadata.occurredAt} ${event.type.padEnd(20)} ${JSON.stringify(event.data)}`,
  );
}
