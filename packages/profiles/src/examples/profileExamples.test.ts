// The code samples of docs/profiles.md, run as tests so they cannot rot. Regions are quoted verbatim.
import { createCustomerService, createFakeClock, createInMemoryEventStore } from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
} from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import {
  averageOrderValue,
  type CustomerProfile,
  createProfileProjection,
  profileAsOf,
  profileProjection,
} from '../index';

const day = 86_400_000;

describe('the profiles guide', () => {
  it('runs the live profile and watches time move it', async () => {
    // #region live
    const store = createInMemoryEventStore();
    const readModels = createInMemoryReadModelStore();
    const clock = createFakeClock('2025-03-01T09:00:00Z'); // the runner's live watermark; the system clock by default
    const runner = createProjectionRunner({
      projection: profileProjection,
      eventStore: store,
      readModels,
      clock,
    });
    runner.start();

    const customers = createCustomerService(store);
    const now = () => ({ metadata: { occurredAt: clock.now() } });
    await customers.execute(
      { type: 'RegisterCustomer', data: { customerId: 'c-42', kind: 'prospect' } },
      now(),
    );
    await customers.execute(
      {
        type: 'RecordPurchase',
        data: {
          customerId: 'c-42',
          orderId: 'o-1',
          lines: [{ sku: 'kettle', category: 'kitchen', quantity: 1, unitPrice: 4990 }],
          total: 4990,
          currency: 'EUR',
          paymentMethod: 'card',
        },
      },
      now(),
    );
    await runner.waitForPosition(await store.headPosition());

    const profiles = createProjectionReader<CustomerProfile>(readModels, profileProjection.name);
    const profile = await profiles.get('c-42');
    // profile.stage === 'new'; profile.commerce.spent.EUR === { orders: 1, gross: 4990 }

    // ninety days later, with no new event, the customer is at risk
    clock.advance(90 * day);
    await runner.tick();
    const later = await profiles.get('c-42');
    // later.stage === 'atRisk'
    // #endregion live
    expect(profile?.stage).toBe('new');
    expect(profile?.commerce?.spent).toEqual({ EUR: { orders: 1, gross: 4990 } });
    expect(averageOrderValue(profile!, 'EUR')).toBe(4990);
    expect(later?.stage).toBe('atRisk');

    // #region timeTravel
    const onLaunchDay = await profileAsOf(store, 'c-42', '2025-03-01T12:00:00Z');
    // onLaunchDay.stage === 'new', onLaunchDay.asOf === Date.parse('2025-03-01T09:00:00Z')
    const beforeItAll = await profileAsOf(store, 'c-42', '2025-02-01T00:00:00Z');
    // beforeItAll === undefined: the customer was not known yet
    // #endregion timeTravel
    expect(onLaunchDay?.stage).toBe('new');
    expect(onLaunchDay?.asOf).toBe(Date.parse('2025-03-01T09:00:00Z'));
    expect(beforeItAll).toBeUndefined();
    expect(await profileAsOf(store, 'c-42', clock.now())).toEqual(later);
    await runner.stop();
  });

  it('configures the lifecycle thresholds', () => {
    // #region configure
    const b2bProfiles = createProfileProjection({
      version: 3, // options change what documents mean: a version above the default (2) rebuilds beside it
      lifecycle: { atRiskAfterDays: 60, lapsedAfterDays: 120, loyalPurchases: 6, loyalWindowDays: 365 },
      historyLimit: 20,
    });
    // #endregion configure
    expect(b2bProfiles.name).toBe('profiles');
    expect(b2bProfiles.version).toBe(3);
    expect(profileProjection.version).toBe(2);
  });
});
