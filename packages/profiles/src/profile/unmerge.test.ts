import { foldProjection } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { createHistory, fold, ms, purchase } from '../__fixtures__/events';
import { profileProjection } from './profileProjection';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();
const none = { orders: [], invoices: [] };
const dup = { customerId: 'dup' };
const keep = { customerId: 'keep' };

/** keep and dup, each with a purchase; dup merged into keep on day 10 and given back on day 20. */
const mergedThenApart = () => {
  const history = createHistory('keep');
  const { event } = history;
  event('CustomerRegistered', { kind: 'customer', emails: [{ address: 'k@example.com' }] } as never, day(1));
  event('PurchaseCompleted', purchase('k1', 1000), day(2));
  event(
    'CustomerRegistered',
    { kind: 'customer', phones: [{ number: '+1 555 0100' }] } as never,
    day(1),
    dup,
  );
  event('PurchaseCompleted', purchase('d1', 700), day(3), dup);
  event('CustomerMergedInto', { survivorId: 'keep' }, day(10), dup);
  event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(10), keep);
  // while merged: a fact addressed to the closed record, and a refund of its order recorded on the survivor
  event('SiteVisited', { page: '/home' }, day(12), dup);
  event(
    'OrderRefunded',
    { orderId: 'd1', refundId: 'r1', kind: 'refund', amount: 200, currency: 'USD', reason: 'defective' },
    day(13),
    keep,
  );
  event('CustomersUnmerged', { absorbedId: 'dup', returned: none }, day(20), keep);
  event('CustomerRestored', { survivorId: 'keep', status: 'customer', returned: none }, day(20), dup);
  return history;
};

describe('unmerged customers', () => {
  it('the survivor shows its own history again, refunds it recorded included', () => {
    const { events } = mergedThenApart();
    const profile = fold(events).get('keep')!;
    expect(profile.absorbed).toBeUndefined();
    expect(profile.contact?.phones).toBeUndefined();
    expect(profile.commerce).toMatchObject({
      orders: 1,
      spent: { USD: { orders: 1, gross: 1000, refunded: 200 } },
    });
    expect(profile.engagement).toBeUndefined();
  });

  it('gives the record back its own document, with the events addressed to it while merged and since', () => {
    const { event, events } = mergedThenApart();
    event(
      'CartAbandoned',
      { cartId: 'c9', lines: [{ sku: 'kettle', quantity: 1 }], total: 100, currency: 'USD' } as never,
      day(25),
      dup,
    );
    const documents = fold(events);
    expect([...documents.keys()].sort()).toEqual(['dup', 'keep']);
    const restored = documents.get('dup');
    expect(restored?.mergedInto).toBeUndefined();
    expect(restored?.commerce).toMatchObject({ orders: 1, spent: { USD: { orders: 1, gross: 700 } } });
    expect(restored?.engagement).toMatchObject({ visits: 1, abandonedCarts: 1 });
    expect(restored?.contact?.phones?.[0]?.number).toBe('+1 555 0100');
    const alone = (id: string) => fold(events.filter((e) => e.metadata.customerId === id)).get(id);
    expect(restored).toEqual(alone('dup'));
    expect(documents.get('keep')).toEqual(alone('keep'));
  });

  it('merged again, the survivor takes the restored document back with everything it had', () => {
    const { event, events } = mergedThenApart();
    event('PurchaseCompleted', purchase('d2', 300), day(25), dup);
    event('CustomerMergedInto', { survivorId: 'keep' }, day(30), dup);
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(30), keep);
    const profile = fold(events).get('keep')!;
    expect(profile.absorbed).toEqual(['dup']);
    expect(profile.commerce).toMatchObject({
      orders: 3,
      spent: { USD: { orders: 3, gross: 2000, refunded: 200 } },
    });
    expect(profile.engagement?.visits).toBe(1);
    expect(Object.keys(profile.identity ?? {}).sort()).toEqual(['own', 'parts']);
    expect(fold(events).has('dup')).toBe(false);
  });

  it('gives back a record with the records it had absorbed itself', () => {
    const { event, events } = createHistory('keep');
    event('CustomerRegistered', { kind: 'customer' }, day(1));
    event('PurchaseCompleted', purchase('x1', 50), day(2), { customerId: 'x' });
    event('CustomerMergedInto', { survivorId: 'dup' }, day(3), { customerId: 'x' });
    event('CustomersMerged', { absorbedId: 'x', transferred: none }, day(3), dup);
    event('CustomerMergedInto', { survivorId: 'keep' }, day(4), dup);
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(4), keep);
    event('PurchaseCompleted', purchase('x2', 60), day(5), { customerId: 'x' });
    expect(fold(events).get('keep')?.absorbed).toEqual(['dup', 'x']);
    event('CustomersUnmerged', { absorbedId: 'dup', returned: none }, day(6), keep);
    event('PurchaseCompleted', purchase('x3', 70), day(7), { customerId: 'x' });
    const documents = fold(events);
    expect([...documents.keys()].sort()).toEqual(['dup', 'keep']);
    const profile = documents.get('keep')!;
    expect(profile.absorbed).toBeUndefined();
    expect(profile.commerce).toBeUndefined();
    // x stays merged into dup: its purchase after the unmerge reaches dup's own document
    const restored = documents.get('dup');
    expect(restored?.absorbed).toEqual(['x']);
    expect(restored?.commerce).toMatchObject({
      orders: 3,
      spent: { USD: { gross: 180 } },
      lastPurchaseAt: ms(day(7)),
    });
  });

  it('gives a record back from inside an absorbed one, when an unmerge is recorded on a closed record', () => {
    const { event, events } = createHistory('keep');
    event('PurchaseCompleted', purchase('k1', 10), day(1));
    event('PurchaseCompleted', purchase('x1', 50), day(2), { customerId: 'x' });
    event('CustomersMerged', { absorbedId: 'x', transferred: none }, day(3), dup);
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(4), keep);
    // refused by the service (dup is closed), but an imported log may hold it
    event('CustomersUnmerged', { absorbedId: 'x', returned: none }, day(5), dup);
    event('PurchaseCompleted', purchase('x2', 60), day(6), { customerId: 'x' });
    const documents = fold(events);
    expect(documents.get('x')?.commerce).toMatchObject({ orders: 2, spent: { USD: { gross: 110 } } });
    const survivor = documents.get('keep')!;
    expect(survivor.absorbed).toEqual(['dup']);
    expect(survivor.commerce).toMatchObject({ orders: 1, spent: { USD: { gross: 10 } } });
  });

  it('drops, without failing, a part whose record a later merge routed elsewhere', () => {
    const { event, events } = createHistory('keep');
    event('PurchaseCompleted', purchase('d1', 50), day(1), dup);
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(2), keep);
    // refused by the service (dup is closed), but an imported log may hold it
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(3), { customerId: 'other' });
    event('CustomersUnmerged', { absorbedId: 'dup', returned: none }, day(4), keep);
    event('PurchaseCompleted', purchase('d2', 60), day(5), dup);
    const result = foldProjection(profileProjection, events);
    expect(result.stoppedBy).toBeUndefined();
    expect(result.documents.get('keep')?.commerce).toBeUndefined();
    expect(result.documents.has('dup')).toBe(false);
    expect(result.documents.get('other')?.commerce?.orders).toBe(1);
  });

  it('a merge recorded twice counts the absorbed record once', () => {
    const { event, events } = createHistory('keep');
    event('PurchaseCompleted', purchase('k1', 100), day(1));
    event('PurchaseCompleted', purchase('d1', 50), day(1), dup);
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(2), keep);
    event('CustomersMerged', { absorbedId: 'dup', transferred: none }, day(3), keep);
    const profile = fold(events).get('keep')!;
    expect(profile.commerce?.orders).toBe(2);
    expect(profile.identity?.parts?.dup?.commerce?.orders).toBe(1);
  });

  it('a record that never merged carries no merge bookkeeping', () => {
    const { event, events } = createHistory('solo');
    event('CustomerRegistered', { kind: 'customer' }, day(1));
    event('PurchaseCompleted', purchase('s1', 10), day(2));
    expect(fold(events).get('solo')?.identity).toBeUndefined();
  });
});
