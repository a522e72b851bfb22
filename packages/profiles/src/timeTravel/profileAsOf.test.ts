import {
  createCustomerService,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  createProtectedEventStore,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { profileAsOf } from './profileAsOf';

const at = (occurredAt: string) => ({ metadata: { occurredAt } });

const shop = async () => {
  // protected, so that ForgetCustomer can erase
  const store = createProtectedEventStore({
    store: createInMemoryEventStore(),
    keyStore: createInMemoryKeyStore(),
  });
  const customers = createCustomerService(store);
  await customers.execute(
    { type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'prospect', name: { given: 'Kim' } } },
    at('2025-01-01T00:00:00Z'),
  );
  await customers.execute(
    {
      type: 'RecordPurchase',
      data: {
        customerId: 'c1',
        orderId: 'o1',
        lines: [],
        total: 2500,
        currency: 'USD',
        paymentMethod: 'card',
      },
    },
    at('2025-02-01T00:00:00Z'),
  );
  await customers.execute(
    { type: 'RegisterCustomer', data: { customerId: 'c2', kind: 'customer' } },
    at('2025-01-15T00:00:00Z'),
  );
  await customers.execute(
    {
      type: 'RecordPurchase',
      data: {
        customerId: 'c2',
        orderId: 'o2',
        lines: [],
        total: 1500,
        currency: 'USD',
        paymentMethod: 'cash',
      },
    },
    at('2025-03-01T00:00:00Z'),
  );
  await customers.merge('c1', 'c2', at('2025-04-01T00:00:00Z'));
  return { store, customers };
};

describe('profileAsOf', () => {
  it('shows the profile as it was on any past date', async () => {
    const { store } = await shop();
    expect(await profileAsOf(store, 'c1', '2024-12-31T00:00:00Z')).toBeUndefined();
    expect(await profileAsOf(store, 'c1', '2025-01-10T00:00:00Z')).toMatchObject({ stage: 'prospect' });
    expect((await profileAsOf(store, 'c1', '2025-02-10T00:00:00Z'))?.commerce?.orders).toBe(1);
    // the last purchase (the absorbed record's) was on 2025-03-01: at risk 90 days later, with no event that day
    expect((await profileAsOf(store, 'c1', '2025-05-29T23:59:59.999Z'))?.stage).toBe('repeat');
    expect((await profileAsOf(store, 'c1', '2025-05-30T00:00:00Z'))?.stage).toBe('atRisk');
  });

  it('includes the streams a customer had absorbed by then, and no longer shows an absorbed customer', async () => {
    const { store } = await shop();
    const beforeMerge = await profileAsOf(store, 'c1', '2025-03-31T00:00:00Z');
    expect(beforeMerge?.commerce?.orders).toBe(1);
    expect(beforeMerge?.absorbed).toBeUndefined();
    const afterMerge = await profileAsOf(store, 'c1', '2025-04-01T00:00:00Z');
    expect(afterMerge?.commerce).toMatchObject({ orders: 2, spent: { USD: { orders: 2, gross: 4000 } } });
    expect(afterMerge?.absorbed).toEqual(['c2']);
    expect((await profileAsOf(store, 'c2', '2025-03-31T00:00:00Z'))?.commerce?.orders).toBe(1);
    expect(await profileAsOf(store, 'c2', '2025-04-02T00:00:00Z')).toBeUndefined();
  });

  it('never shows personal data of a customer forgotten since, at any date', async () => {
    const { store, customers } = await shop();
    await customers.execute(
      { type: 'ForgetCustomer', data: { customerId: 'c1', reason: 'subject_request' } },
      at('2025-06-01T00:00:00Z'),
    );
    const before = await profileAsOf(store, 'c1', '2025-02-10T00:00:00Z');
    expect(before?.contact).toBeUndefined();
    expect(before?.commerce?.orders).toBe(1);
    expect(before?.forgotten).toBeUndefined();
    expect((await profileAsOf(store, 'c1', '2025-07-01T00:00:00Z'))?.forgotten?.reason).toBe(
      'subject_request',
    );
  });
});
