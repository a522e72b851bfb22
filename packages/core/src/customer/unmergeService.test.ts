import { describe, expect, it } from 'vitest';
import { isIllegalState } from '../errors/guards';
import { isValidationError } from '../errors/validationError';
import { createInMemoryKeyStore } from '../privacy/keyStore';
import { createProtectedEventStore } from '../privacy/protectedEventStore';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { CustomerCommandInput } from './commands';
import { createCustomerService } from './customerService';
import { customerStreamId } from './decider';

const setup = async () => {
  // protected, so that ForgetCustomer can erase
  const store = createProtectedEventStore({
    store: createInMemoryEventStore(),
    keyStore: createInMemoryKeyStore(),
  });
  const customers = createCustomerService(store);
  for (const customerId of ['keep', 'dupe'])
    await customers.execute({ type: 'RegisterCustomer', data: { customerId, kind: 'customer' } });
  await customers.execute(buy('dupe', 'o-9', 700), { metadata: { occurredAt: '2026-01-05T10:00:00Z' } });
  await customers.execute(openTicket('dupe', 't-1'));
  await customers.execute(openTicket('dupe', 't-2'));
  return { store, customers };
};
const buy = (customerId: string, orderId: string, total: number): CustomerCommandInput => ({
  type: 'RecordPurchase',
  data: {
    customerId,
    orderId,
    lines: [{ sku: 'lamp', quantity: 2, unitPrice: total / 2 }],
    total,
    currency: 'USD',
    paymentMethod: 'card',
  },
});
const refund = (customerId: string, refundId: string, amount: number): CustomerCommandInput => ({
  type: 'RecordRefund',
  data: { customerId, orderId: 'o-9', refundId, kind: 'refund', amount, currency: 'USD', reason: 'goodwill' },
});
const openTicket = (customerId: string, ticketId: string): CustomerCommandInput => ({
  type: 'RecordTouchpoint',
  data: {
    customerId,
    event: { type: 'TicketOpened', data: { ticketId, category: 'delivery', priority: 'high' } },
  },
});
const resolveTicket = (customerId: string, ticketId: string): CustomerCommandInput => ({
  type: 'RecordTouchpoint',
  data: { customerId, event: { type: 'TicketResolved', data: { ticketId, resolution: 'redelivered' } } },
});
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('unmerging customers', () => {
  it('gives the absorbed record back its orders and open cases, as they stand now', async () => {
    const { customers } = await setup();
    await customers.merge('keep', 'dupe');
    await customers.execute(refund('keep', 'r-1', 300));
    await customers.execute(resolveTicket('keep', 't-1'));
    const result = await customers.unmerge('keep', 'dupe', {
      reason: 'two people, one shared inbox',
      metadata: { actor: 'agent-7' },
    });
    expect(result.survivor.map((e) => [e.type, e.data])).toEqual([
      [
        'CustomersUnmerged',
        {
          absorbedId: 'dupe',
          reason: 'two people, one shared inbox',
          returned: {
            orders: [
              {
                orderId: 'o-9',
                total: 700,
                refunded: 300,
                currency: 'USD',
                orderedAt: '2026-01-05T10:00:00.000Z',
                skus: [{ sku: 'lamp', bought: 2, returned: 0 }],
              },
            ],
            invoices: [],
            openTickets: ['t-2'],
            openComplaints: [],
          },
        },
      ],
    ]);
    expect(result.absorbed.map((e) => e.type)).toEqual(['CustomerRestored']);
    expect(result.absorbed[0]!.metadata).toMatchObject({ customerId: 'dupe', actor: 'agent-7' });
    // the restored record takes commands again, and only it can refund what is left of its order
    expect(isIllegalState(await rejection(customers.execute(refund('dupe', 'r-2', 401))))).toBe(true);
    await customers.execute(refund('dupe', 'r-2', 400));
    expect(await rejection(customers.execute(refund('keep', 'r-3', 1)))).toMatchObject({ code: 'NotFound' });
    await customers.execute(resolveTicket('dupe', 't-2'));
    const keep = await customers.state('keep');
    expect([keep.status, keep.orders.toJSON(), keep.absorbed.toJSON()]).toEqual(['customer', {}, {}]);
    // the refund made on the survivor stays on its stream as a fact
    expect((await customers.history('keep')).map((e) => e.type)).toContain('OrderRefunded');
  });

  it('does nothing when run again, and merges the pair again afterwards', async () => {
    const { customers } = await setup();
    await customers.merge('keep', 'dupe', { idempotencyKey: 'm1' });
    await customers.unmerge('keep', 'dupe', { idempotencyKey: 'u1' });
    expect(await customers.unmerge('keep', 'dupe')).toEqual({ survivor: [], absorbed: [] });
    expect(await customers.unmerge('keep', 'dupe', { idempotencyKey: 'u1' })).toEqual({
      survivor: [],
      absorbed: [],
    });
    const again = await customers.merge('keep', 'dupe', { idempotencyKey: 'm2' });
    expect(again.survivor.map((e) => e.type)).toEqual(['CustomersMerged']);
    expect([...(await customers.state('keep')).orders.keys()]).toEqual(['o-9']);
  });

  it('finishes an unmerge that crashed between its two appends', async () => {
    const { store, customers } = await setup();
    await customers.merge('keep', 'dupe');
    await customers.execute(refund('keep', 'r-1', 100));
    // the survivor's half was recorded, then the process died
    await store.appendToStream(customerStreamId('keep'), [
      {
        type: 'CustomersUnmerged',
        data: {
          absorbedId: 'dupe',
          returned: {
            orders: [{ orderId: 'o-9', total: 700, refunded: 100, currency: 'USD' }],
            invoices: [],
            openTickets: ['t-1', 't-2'],
            openComplaints: [],
          },
        },
        metadata: { customerId: 'keep' },
      },
    ]);
    expect(isIllegalState(await rejection(customers.execute(refund('dupe', 'r-2', 1))))).toBe(true);
    const resumed = await customers.unmerge('keep', 'dupe');
    expect(resumed.survivor).toEqual([]);
    expect(resumed.absorbed.map((e) => e.type)).toEqual(['CustomerRestored']);
    await customers.execute(refund('dupe', 'r-2', 600));
    expect((await customers.state('dupe')).orders.get('o-9')).toEqual({
      total: 700,
      refunded: 700,
      currency: 'USD',
    });
  });

  it('finishes a re-merge that crashed between its two appends', async () => {
    const { store, customers } = await setup();
    await customers.merge('keep', 'dupe');
    await customers.unmerge('keep', 'dupe');
    await store.appendToStream(customerStreamId('dupe'), [
      { type: 'CustomerMergedInto', data: { survivorId: 'keep' }, metadata: { customerId: 'dupe' } },
    ]);
    expect(isIllegalState(await rejection(customers.unmerge('keep', 'dupe')))).toBe(true);
    const finished = await customers.merge('keep', 'dupe');
    expect(finished.survivor.map((e) => e.type)).toEqual(['CustomersMerged']);
    expect([...(await customers.state('keep')).absorbed.keys()]).toEqual(['dupe']);
  });

  it('records one unmerge when two run at once', async () => {
    const { customers } = await setup();
    await customers.merge('keep', 'dupe');
    await Promise.all([customers.unmerge('keep', 'dupe'), customers.unmerge('keep', 'dupe')]);
    const types = [...(await customers.history('keep')), ...(await customers.history('dupe'))].map(
      (e) => e.type,
    );
    expect(types.filter((t) => t === 'CustomersUnmerged')).toHaveLength(1);
    expect(types.filter((t) => t === 'CustomerRestored')).toHaveLength(1);
  });

  it('refuses what cannot be undone, naming why', async () => {
    const { customers } = await setup();
    expect(isValidationError(await rejection(customers.unmerge('keep', 'keep')))).toBe(true);
    expect(await rejection(customers.unmerge('keep', 'dupe'))).toMatchObject({
      code: 'IllegalState',
      message: 'customer keep has not absorbed dupe; there is no merge to undo',
    });
    expect(
      isIllegalState(
        await rejection(
          customers.execute({ type: 'UnmergeCustomers', data: { customerId: 'keep', absorbedId: 'dupe' } }),
        ),
      ),
    ).toBe(true);
    await customers.merge('keep', 'dupe');
    await customers.execute({ type: 'RegisterCustomer', data: { customerId: 'top', kind: 'customer' } });
    await customers.merge('top', 'keep');
    expect(await rejection(customers.unmerge('keep', 'dupe'))).toMatchObject({
      message: expect.stringContaining('merged into top'),
    });
    await customers.unmerge('top', 'keep');
    await customers.execute({
      type: 'ForgetCustomer',
      data: { customerId: 'dupe', reason: 'subject_request' },
    });
    expect(await rejection(customers.unmerge('keep', 'dupe'))).toMatchObject({
      message: expect.stringContaining('dupe was forgotten'),
    });
    expect([...(await customers.state('keep')).orders.keys()]).toEqual(['o-9']);
  });
});
