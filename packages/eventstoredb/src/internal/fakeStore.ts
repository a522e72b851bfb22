import { createFakeClock, type EventRegistry, type EventStore } from '@rapport/core';
import type { StoreConfig } from './context';
import { createStoreOnGateway } from './createStore';
import { createFakeGateway, type FakeGateway } from './fakeGateway';

/** A store over the fake gateway, for tests: no registry, a fake clock, small pages, fast retries. */
export const createFakeStore = (
  overrides: Partial<StoreConfig> & { registry?: EventRegistry | false; systemNoise?: boolean } = {},
): { store: EventStore; gateway: FakeGateway } => {
  const { systemNoise = true, ...config } = overrides;
  const gateway = createFakeGateway({ systemNoise });
  const store = createStoreOnGateway(gateway, {
    registry: false,
    clock: createFakeClock('2026-03-01T09:00:00.000Z'),
    tenantId: 'acme',
    pageSize: 4,
    retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 4 },
    ...config,
  });
  return { store, gateway };
};
