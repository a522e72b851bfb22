// The code samples of docs/identity.md, run as tests so they cannot rot. Regions are quoted verbatim.
import { createCustomerService, createInMemoryEventStore } from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
} from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import {
  type CustomerProfile,
  createDuplicatesProjection,
  duplicateCandidates,
  type MatchKeys,
  profileAsOf,
  profileProjection,
} from '../index';

describe('the identity guide', () => {
  it('suggests a duplicate, merges it, and undoes the merge', async () => {
    const store = createInMemoryEventStore();
    const readModels = createInMemoryReadModelStore();
    const runners = [
      createProjectionRunner({ projection: profileProjection, eventStore: store, readModels }),
      createProjectionRunner({
        projection: createDuplicatesProjection({ defaultCountryCode: '44' }),
        eventStore: store,
        readModels,
      }),
    ];
    for (const runner of runners) runner.start();
    const caughtUp = async () => {
      const head = await store.headPosition();
      for (const runner of runners) await runner.waitForPosition(head);
    };
    const at = (occurredAt: string) => ({ metadata: { occurredAt } });

    // #region suggest
    const customers = createCustomerService(store);
    await customers.execute(
      {
        type: 'RegisterCustomer',
        data: { customerId: 'c-1', kind: 'customer', emails: [{ address: 'Kim.Lee@example.com' }] },
      },
      at('2025-01-10T10:00:00Z'),
    );
    await customers.execute(
      {
        type: 'RegisterCustomer',
        data: {
          customerId: 'c-2',
          kind: 'customer',
          emails: [{ address: 'kim.lee@example.com' }],
          phones: [{ number: '07700 900123' }],
        },
      },
      at('2025-02-01T15:00:00Z'),
    );
    await caughtUp();

    const duplicates = createProjectionReader<MatchKeys>(readModels, 'duplicates');
    const suggested = await duplicateCandidates(duplicates, 'c-1');
    // [{ customerId: 'c-2', reasons: [{ kind: 'email', value: 'kim.lee@example.com' }] }]
    // #endregion suggest
    expect(suggested).toEqual([
      { customerId: 'c-2', reasons: [{ kind: 'email', value: 'kim.lee@example.com' }] },
    ]);

    await customers.execute(
      {
        type: 'RecordPurchase',
        data: {
          customerId: 'c-2',
          orderId: 'o-7',
          lines: [],
          total: 4990,
          currency: 'GBP',
          paymentMethod: 'card',
        },
      },
      at('2025-02-02T12:00:00Z'),
    );

    // #region merge
    await customers.merge('c-1', 'c-2', at('2025-03-01T09:00:00Z'));
    // c-1 now holds order o-7: a refund is recorded on c-1
    await customers.execute(
      {
        type: 'RecordRefund',
        data: {
          customerId: 'c-1',
          orderId: 'o-7',
          refundId: 'r-1',
          kind: 'refund',
          amount: 990,
          currency: 'GBP',
          reason: 'goodwill',
        },
      },
      at('2025-03-05T09:00:00Z'),
    );
    // #endregion merge
    await caughtUp();
    expect(await duplicateCandidates(duplicates, 'c-1')).toEqual([]);

    // #region unmerge
    // two people after all: undo the merge
    await customers.unmerge('c-1', 'c-2', { reason: 'different people', ...at('2025-04-01T09:00:00Z') });
    // c-2 is active again and holds o-7 with what is left to refund (4000); the refund stays on c-1's stream
    await customers.execute(
      {
        type: 'RecordRefund',
        data: {
          customerId: 'c-2',
          orderId: 'o-7',
          refundId: 'r-2',
          kind: 'refund',
          amount: 4000,
          currency: 'GBP',
          reason: 'defective',
        },
      },
      at('2025-04-02T09:00:00Z'),
    );
    await caughtUp();
    const profiles = createProjectionReader<CustomerProfile>(readModels, 'profiles');
    const c2 = await profiles.get('c-2'); // c-2's own document again, kept live: o-7 refunded 4000 on it
    const inMarch = await profileAsOf(store, 'c-2', '2025-03-15T00:00:00Z'); // undefined: part of c-1 then
    // #endregion unmerge
    for (const runner of runners) await runner.stop();
    expect(inMarch).toBeUndefined();
    expect(c2?.commerce?.spent).toEqual({ GBP: { orders: 1, gross: 4990, refunded: 4000 } });
    expect(c2).toEqual(await profileAsOf(store, 'c-2', runners[0]!.status().watermark!));
    const c1 = await profiles.get('c-1');
    expect(c1?.commerce?.spent).toEqual({ GBP: { orders: 0, gross: 0, refunded: 990 } });
    expect(c1?.identity).toBeUndefined();
    expect((await duplicateCandidates(duplicates, 'c-1')).map((c) => c.customerId)).toEqual(['c-2']);
  });
});
