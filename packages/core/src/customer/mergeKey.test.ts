import { describe, expect, it } from 'vitest';
import { isIdempotencyKeyReused } from '../errors/guards';
import { isValidationError } from '../errors/validationError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { createCustomerService } from './customerService';

const register = (customerId: string) => ({
  type: 'RegisterCustomer' as const,
  data: { customerId, kind: 'customer' as const },
});

describe('a merge whose idempotency key already merged another record into the survivor', () => {
  it('is refused naming the key before anything is written, and the second record stays open', async () => {
    const customers = createCustomerService(createInMemoryEventStore());
    for (const id of ['keep', 'a', 'b']) await customers.execute(register(id));
    await customers.merge('keep', 'a', { idempotencyKey: 'm1' });
    const before = await customers.history('b');
    const refused = await customers
      .merge('keep', 'b', { idempotencyKey: 'm1' })
      .catch((error: unknown) => error);
    expect(isIdempotencyKeyReused(refused)).toBe(true);
    expect((refused as Error).message).toContain('"m1"');
    expect(await customers.history('b')).toEqual(before);
    expect((await customers.state('b')).status).not.toBe('merged');
  });

  it('still lets the same merge be retried with its key, and finishes one that stopped half-way', async () => {
    const customers = createCustomerService(createInMemoryEventStore());
    for (const id of ['keep', 'a']) await customers.execute(register(id));
    const first = await customers.merge('keep', 'a', { idempotencyKey: 'm1' });
    expect(first.survivor).toHaveLength(1);
    expect(await customers.merge('keep', 'a', { idempotencyKey: 'm1' })).toEqual({
      absorbed: [],
      survivor: [],
    });
    expect((await customers.state('keep')).absorbed.has('a')).toBe(true);
  });
});

describe('a merge that hands over more than one event can carry', () => {
  it('is refused before the absorbed record is closed, so both records stay as they were', async () => {
    const store = createInMemoryEventStore();
    const customers = createCustomerService(store);
    for (const id of ['keep', 'big']) await customers.execute(register(id));
    const purchase = (n: number) => ({
      type: 'PurchaseCompleted',
      data: {
        orderId: `order-${n}`,
        lines: [{ sku: `sku-${n}`, quantity: 1, unitPrice: 100 }],
        total: 100,
        currency: 'USD',
        paymentMethod: 'card',
      },
      metadata: { customerId: 'big' },
    });
    for (let from = 0; from < 2_000; from += 500) {
      const events = Array.from({ length: 500 }, (_, i) => purchase(from + i));
      await store.appendToStream('customer-big', events);
    }
    const before = await customers.history('big');
    const refused = await customers.merge('keep', 'big').catch((error: unknown) => error);
    expect(isValidationError(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/2000 orders.*nothing was merged/);
    expect(await customers.history('big')).toEqual(before);
    expect((await customers.state('big')).status).toBe('customer');
    expect((await customers.state('keep')).absorbed.size).toBe(0);
  });
});
