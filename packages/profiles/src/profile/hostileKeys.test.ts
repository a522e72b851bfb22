import { createCustomerService, createFakeClock, createInMemoryEventStore } from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
} from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from './customerProfile';
import { profileProjection } from './profileProjection';
import { currentTags, favouriteCategories } from './selectors';

/** A customer service over an in-memory store, and the profile its history projects to (run by the runner). */
const setup = async () => {
  const store = createInMemoryEventStore();
  const customers = createCustomerService(store);
  await customers.execute({ type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } });
  const profile = async (): Promise<CustomerProfile> => {
    const readModels = createInMemoryReadModelStore();
    const runner = createProjectionRunner({
      projection: profileProjection,
      eventStore: store,
      readModels,
      clock: createFakeClock(new Date('2026-01-01T00:00:00Z')),
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(await store.headPosition());
    await runner.stop();
    const document = await createProjectionReader<CustomerProfile>(readModels, profileProjection.name).get(
      'c1',
    );
    if (document === undefined) throw new Error('no profile for c1');
    return document;
  };
  return { store, customers, profile };
};

// the three cases as they were reported (issue 13, "Keys that corrupt read models or vanish")
describe('keys named like Object.prototype members', () => {
  it('a purchase line with category constructor counts its units, not a function', async () => {
    const { customers, profile } = await setup();
    await customers.execute({
      type: 'RecordPurchase',
      data: {
        customerId: 'c1',
        orderId: 'o-1',
        lines: [{ sku: 'sku-1', category: 'constructor', quantity: 1, unitPrice: 500 }],
        total: 500,
        currency: 'USD',
        paymentMethod: 'card',
      },
    });
    const shown = await profile();
    expect(shown.commerce?.categories).toEqual({ constructor: 1 });
    expect(JSON.stringify(shown.commerce?.categories)).toBe('{"constructor":1}');
    expect(favouriteCategories(shown)).toEqual(['constructor']);
  });

  it('SetCustomAttribute with constructor, toString, hasOwnProperty, valueOf and isPrototypeOf shows every key', async () => {
    const { customers, store, profile } = await setup();
    const keys = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
    for (const [i, key] of keys.entries())
      await customers.execute({ type: 'SetCustomAttribute', data: { customerId: 'c1', key, value: i } });
    expect(await store.headPosition()).toBe(6n);
    const { attributes } = await profile();
    expect(Object.entries(attributes?.values ?? {})).toEqual(keys.map((key, i) => [key, i]));
    expect(Object.keys(attributes?.changedAt ?? {})).toEqual(keys);
  });

  it('AddTag with __proto__, constructor, toString, hasOwnProperty and valueOf records each tag', async () => {
    const { customers, profile } = await setup();
    const tags = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    for (const tag of tags) {
      const result = await customers.execute({ type: 'AddTag', data: { customerId: 'c1', tag } });
      expect(result.events.map((event) => [event.type, event.data])).toEqual([['TagAdded', { tag }]]);
    }
    const shown = await profile();
    expect(currentTags(shown)).toEqual([...tags].sort());
    // a JSON round trip (what a durable read-model store does) keeps `__proto__` as an own key
    const back = JSON.parse(JSON.stringify(shown)) as CustomerProfile;
    expect(Object.keys(back.tags?.current ?? {})).toEqual(tags);
    expect(Object.getPrototypeOf(back.tags?.current)).toBe(Object.prototype);
  });
});
