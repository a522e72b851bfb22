import {
  createFakeClock,
  createInMemoryEventStore,
  customerStreamId,
  isValidationError,
} from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
} from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { createHistory, profileOf, purchase } from '../__fixtures__/events';
import type { CustomerProfile } from './customerProfile';
import { profileProjection } from './profileProjection';

const bought = (customerId: string, orderId: string, occurredAt: string) => ({
  type: 'PurchaseCompleted',
  data: purchase(orderId, 2500),
  metadata: { customerId, occurredAt },
});

describe('given a purchase dated 2062, a typo for 2026', () => {
  it('is refused at append, naming the field, and no customer’s stage moves', async () => {
    const clock = createFakeClock('2026-03-02T09:00:00.000Z');
    const store = createInMemoryEventStore({ clock });
    await store.appendToStream(customerStreamId('a'), [
      bought('a', 'o-1', '2026-02-20T10:00:00.000Z'),
      bought('a', 'o-2', '2026-02-27T10:00:00.000Z'),
    ]);
    const typo = await store
      .appendToStream(customerStreamId('b'), [bought('b', 'o-3', '2062-03-02T10:00:00.000Z')])
      .catch((error: unknown) => error);
    expect(isValidationError(typo) && typo.message).toContain(
      'PurchaseCompleted.metadata.occurredAt: must not lead the time it is recorded (2026-03-02T09:00:00.000Z)',
    );
    expect((await store.readStream(customerStreamId('b'))).exists).toBe(false);

    const readModels = createInMemoryReadModelStore();
    const runner = createProjectionRunner({
      projection: profileProjection,
      eventStore: store,
      readModels,
      clock,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(await store.headPosition());
    await runner.tick();
    await runner.stop();
    const a = await createProjectionReader<CustomerProfile>(readModels, profileProjection.name).get('a');
    expect(a?.stage).toBe('repeat');
  });

  it('already in a log, it moves only its own customer: the others are not lapsed', () => {
    const { event, events } = createHistory();
    event('PurchaseCompleted', purchase('o-1', 2500), '2026-02-20T10:00:00.000Z', { customerId: 'a' });
    event('PurchaseCompleted', purchase('o-2', 2500), '2026-02-27T10:00:00.000Z', { customerId: 'a' });
    const typo = event('PurchaseCompleted', purchase('o-3', 2500), '2026-03-02T09:00:00.000Z', {
      customerId: 'b',
    });
    events[events.length - 1] = {
      ...typo,
      metadata: { ...typo.metadata, occurredAt: '2062-03-02T10:00:00.000Z' },
    };
    expect(profileOf(events, undefined, 'a').stage).toBe('repeat');
    expect(profileOf(events, undefined, 'b').stage).toBe('new');
  });
});
