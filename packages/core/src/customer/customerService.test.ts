import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock';
import { createInMemorySnapshotStore } from '../decider/snapshotStore';
import { isIllegalState } from '../errors/guards';
import { isValidationError } from '../errors/validationError';
import { createInMemoryKeyStore } from '../privacy/keyStore';
import { createProtectedEventStore } from '../privacy/protectedEventStore';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { createCustomerService } from './customerService';
import { customerDecider, customerStreamId } from './decider';
import type { CustomerState } from './state';

const setup = () => {
  const store = createInMemoryEventStore();
  return { store, customers: createCustomerService(store) };
};
const register = (customerId: string) => ({
  type: 'RegisterCustomer' as const,
  data: { customerId, kind: 'customer' as const },
});
const buy = (customerId: string, orderId: string, total: number) => ({
  type: 'RecordPurchase' as const,
  data: { customerId, orderId, lines: [], total, currency: 'USD', paymentMethod: 'card' as const },
});

describe('the customer service', () => {
  it('stamps customer id and caller metadata on every event', async () => {
    const { customers } = setup();
    await customers.execute(register('c1'), {
      metadata: { channel: 'store', actor: 'clerk-3', occurredAt: '2026-05-01T10:00:00Z' },
    });
    const [event] = await customers.history('c1');
    expect(event!.metadata).toMatchObject({
      customerId: 'c1',
      channel: 'store',
      actor: 'clerk-3',
      occurredAt: '2026-05-01T10:00:00.000Z',
    });
  });

  it('rejects a malformed command naming the field, and appends nothing', async () => {
    const { store, customers } = setup();
    const error = await customers
      .execute({
        type: 'RegisterCustomer',
        data: { customerId: 'c1', kind: 'customer', emails: [{ address: 'not-an-email' }] },
      } as never)
      .catch((e: unknown) => e);
    expect(isValidationError(error) && error.message).toBe(
      'RegisterCustomer.data.emails[0].address: must be an email address (got "not-an-email")',
    );
    expect(await store.headPosition()).toBe(0n);
  });

  it('retries a command that lost a race and records both', async () => {
    const { customers } = setup();
    await customers.execute(register('c1'));
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((tag) =>
        customers.execute({ type: 'AddTag', data: { customerId: 'c1', tag } }),
      ),
    );
    const state = await customers.state('c1');
    expect([...state.tags.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('merges one customer into another, carrying open orders and tickets over, and can be re-run safely', async () => {
    const { customers } = setup();
    await customers.execute(register('keep'));
    await customers.execute(register('dupe'));
    await customers.execute(buy('dupe', 'o-9', 700));
    await customers.execute({
      type: 'RecordTouchpoint',
      data: {
        customerId: 'dupe',
        event: { type: 'TicketOpened', data: { ticketId: 't-1', category: 'delivery', priority: 'high' } },
      },
    });
    const merged = await customers.merge('keep', 'dupe', { idempotencyKey: 'merge-1' });
    expect(merged.absorbed.map((e) => e.type)).toEqual(['CustomerMergedInto']);
    expect(merged.survivor.map((e) => e.type)).toEqual(['CustomersMerged']);
    expect((await customers.merge('keep', 'dupe')).survivor).toEqual([]);
    // the survivor can now refund the absorbed order, the absorbed record refuses new commands
    await customers.execute({
      type: 'RecordRefund',
      data: {
        customerId: 'keep',
        orderId: 'o-9',
        refundId: 'r1',
        kind: 'refund',
        amount: 700,
        currency: 'USD',
        reason: 'goodwill',
      },
    });
    await customers.execute({
      type: 'RecordTouchpoint',
      data: {
        customerId: 'keep',
        event: { type: 'TicketResolved', data: { ticketId: 't-1', resolution: 'redelivered' } },
      },
    });
    const refused = await customers.execute(buy('dupe', 'o-10', 1)).catch((e: unknown) => e);
    expect(isIllegalState(refused) && refused.message).toContain('merged into keep');
  });

  it('finishes a merge that crashed between its two appends', async () => {
    const { store, customers } = setup();
    await customers.execute(register('keep'));
    await customers.execute(register('dupe'));
    await store.appendToStream(customerStreamId('dupe'), [
      { type: 'CustomerMergedInto', data: { survivorId: 'keep' }, metadata: { customerId: 'dupe' } },
    ]);
    const resumed = await customers.merge('keep', 'dupe');
    expect(resumed.absorbed).toEqual([]);
    expect(resumed.survivor.map((e) => e.type)).toEqual(['CustomersMerged']);
  });

  it('refuses to merge a customer into itself or into a forgotten record', async () => {
    const store = createProtectedEventStore({
      store: createInMemoryEventStore(),
      keyStore: createInMemoryKeyStore(),
    });
    const customers = createCustomerService(store);
    await customers.execute(register('a'));
    await customers.execute(register('b'));
    expect(isValidationError(await customers.merge('a', 'a').catch((e: unknown) => e))).toBe(true);
    await customers.execute({ type: 'ForgetCustomer', data: { customerId: 'a', reason: 'subject_request' } });
    expect(isIllegalState(await customers.merge('a', 'b').catch((e: unknown) => e))).toBe(true);
    expect((await customers.state('b')).status).toBe('customer');
  });
});

describe('the customer service with snapshots', () => {
  const refund = (customerId: string, orderId: string, refundId: string, amount: number) => ({
    type: 'RecordRefund' as const,
    data: {
      customerId,
      orderId,
      refundId,
      kind: 'refund' as const,
      amount,
      currency: 'USD',
      reason: 'other' as const,
    },
  });

  it('gives the same answers as without, through merges, unmerges and other writers', async () => {
    // one time on both stores, so that the orders' dates agree
    const clock = () => ({ clock: createFakeClock() });
    const plainStore = createInMemoryEventStore(clock());
    const plain = { store: plainStore, customers: createCustomerService(plainStore) };
    const store = createInMemoryEventStore(clock());
    const snapshots = createInMemorySnapshotStore<CustomerState>();
    const snapshotting = { store, customers: createCustomerService(store, { snapshots }) };
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
    for (const { store: s, customers } of [plain, snapshotting]) {
      await customers.execute(register('c1'));
      await customers.execute(register('c2'));
      for (let n = 0; n < 20; n++) await customers.execute(buy(n % 3 ? 'c1' : 'c2', `o${n}`, 100 + n));
      // another writer appends behind the snapshot's back
      await s.appendToStream(customerStreamId('c1'), [{ type: 'TagAdded', data: { tag: 'vip' } }]);
      await customers.merge('c1', 'c2');
      await customers.execute(refund('c1', 'o3', 'r1', 50));
      await customers.unmerge('c1', 'c2');
      await customers.execute(refund('c2', 'o3', 'r2', 53));
    }
    for (const id of ['c1', 'c2']) {
      expect(await snapshotting.customers.state(id)).toEqual(await plain.customers.state(id));
      expect((await snapshotting.customers.history(id)).map((e) => [e.type, e.data])).toEqual(
        (await plain.customers.history(id)).map((e) => [e.type, e.data]),
      );
    }
    // the refund beyond what is left is refused the same way by both
    expect(await outcome(snapshotting.customers.execute(refund('c2', 'o3', 'r3', 1)))).toBe(
      await outcome(plain.customers.execute(refund('c2', 'o3', 'r3', 1))),
    );
    expect((await snapshots.load(customerStreamId('c1')))?.deciderVersion).toBe(customerDecider.version);
  });

  it('refuses a snapshots option that is not a snapshot store', () => {
    expect(() => createCustomerService(createInMemoryEventStore(), { snapshots: {} as never })).toThrow(
      'createCustomerService: snapshots must be a SnapshotStore (got an object)',
    );
  });
});
