import { describe, expect, it } from 'vitest';
import { createHistory, fold, ms, purchase } from '../__fixtures__/events';
import { currentTags } from './selectors';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();

const twoRecords = () => {
  const { event, events } = createHistory('survivor');
  const absorbed = { customerId: 'dup' };
  event(
    'CustomerRegistered',
    { kind: 'customer', emails: [{ address: 'a@example.com', label: 'personal', primary: true }] },
    day(10),
  );
  event(
    'CustomerRegistered',
    {
      kind: 'prospect',
      phones: [{ number: '+1 555 0100', label: 'mobile', primary: true }],
      acquisition: { channel: 'store' },
    },
    day(2),
    absorbed,
  );
  event('PurchaseCompleted', purchase('o1', 1000), day(11));
  event('PurchaseCompleted', purchase('o2', 500, { currency: 'EUR' }), day(3), absorbed);
  event('PurchaseCompleted', purchase('o3', 700), day(4), absorbed);
  event('MessageSent', { messageId: 'm1', channel: 'email' }, day(5), absorbed);
  event('TicketOpened', { ticketId: 't1', category: 'delivery', priority: 'normal' }, day(6), absorbed);
  event('TagAdded', { tag: 'wholesale' }, day(6), absorbed);
  event('TagAdded', { tag: 'vip' }, day(12));
  event(
    'InvoiceIssued',
    { invoiceId: 'i1', amount: 2000, currency: 'USD', dueDate: '2025-03-01' },
    day(7),
    absorbed,
  );
  event('CustomerMergedInto', { survivorId: 'survivor' }, day(20), absorbed);
  event(
    'CustomersMerged',
    {
      absorbedId: 'dup',
      transferred: {
        orders: [
          { orderId: 'o2', total: 500, refunded: 0, currency: 'EUR' },
          { orderId: 'o3', total: 700, refunded: 0, currency: 'USD' },
        ],
        invoices: [{ invoiceId: 'i1', amount: 2000, paid: 0, currency: 'USD' }],
      },
    },
    day(20),
  );
  return { event, events };
};

describe('merged customers', () => {
  it('folds the absorbed profile into the survivor: counts and totals add up', () => {
    const { events } = twoRecords();
    const documents = fold(events);
    expect(documents.has('dup')).toBe(false);
    const profile = documents.get('survivor')!;
    expect(profile.absorbed).toEqual(['dup']);
    expect(profile.commerce).toMatchObject({
      orders: 3,
      spent: { USD: { orders: 2, gross: 1700 }, EUR: { orders: 1, gross: 500 } },
      firstPurchaseAt: ms(day(3)),
      lastPurchaseAt: ms(day(11)),
    });
    expect(profile.communication?.outbound).toBe(1);
    expect(profile.service?.tickets?.opened).toBe(1);
    expect(profile.credit?.outstanding).toEqual({ USD: 2000 });
    expect(currentTags(profile)).toEqual(['vip', 'wholesale']);
    // identity: the earliest registration, the union of contact fields
    expect(profile.registeredAt).toBe(ms(day(2)));
    expect(profile.acquisition).toEqual({ channel: 'store' });
    expect(profile.customerSince).toBe(ms(day(3)));
    expect(profile.contact?.emails?.[0]?.address).toBe('a@example.com');
    expect(profile.contact?.phones?.[0]?.number).toBe('+1 555 0100');
    expect(profile.mergedInto).toBeUndefined();
  });

  it('routes later events addressed to the absorbed id to the survivor', () => {
    const { event, events } = twoRecords();
    event(
      'PaymentReceived',
      { paymentId: 'p1', invoiceId: 'i1', amount: 2000, currency: 'USD', method: 'card' },
      day(25),
      { customerId: 'survivor' },
    );
    event('PurchaseCompleted', purchase('o4', 300), day(26), { customerId: 'dup' });
    const documents = fold(events);
    expect([...documents.keys()]).toEqual(['survivor']);
    const profile = documents.get('survivor')!;
    expect(profile.commerce?.orders).toBe(4);
    expect(profile.credit?.outstanding).toBeUndefined();
    expect(profile.credit).toMatchObject({ issued: 1, settled: 1 });
  });

  it('shows the absorbed record as merged until the survivor takes it over', () => {
    const { events } = twoRecords();
    const mergedIntoOnly = events.filter((e) => e.type !== 'CustomersMerged');
    expect(fold(mergedIntoOnly).get('dup')?.mergedInto).toBe('survivor');
  });

  it('absorbs a chain of merges, keeping every absorbed id', () => {
    const { event, events } = twoRecords();
    event('CustomerRegistered', { kind: 'customer' }, day(1), { customerId: 'top' });
    event('PurchaseCompleted', purchase('o9', 100), day(1), { customerId: 'top' });
    event('CustomerMergedInto', { survivorId: 'top' }, day(30));
    event('CustomersMerged', { absorbedId: 'survivor', transferred: { orders: [], invoices: [] } }, day(30), {
      customerId: 'top',
    });
    const documents = fold(events);
    expect([...documents.keys()]).toEqual(['top']);
    expect(documents.get('top')?.absorbed).toEqual(['dup', 'survivor']);
    expect(documents.get('top')?.commerce?.orders).toBe(4);
  });
});
