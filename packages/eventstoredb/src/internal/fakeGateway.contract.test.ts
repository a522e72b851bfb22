import { erasureContract, eventStoreContract } from '@rapport/testing/vitest';
import { createFakeStore } from './fakeStore';

// The adapter's logic (paging, filtering, idempotency, resume) against the shared contract, on a fake server
// with EventStoreDB's quirks: gapped positions, system events between user events, id-based deduplication.
eventStoreContract('EventStoreDB adapter on a fake server', {
  create: async ({ registry }) => {
    const { store } = createFakeStore({ registry });
    return { store, teardown: () => store.close() };
  },
  atomicMultiStreamAppend: false,
  uniqueEventIds: false,
});

erasureContract('EventStoreDB adapter on a fake server', {
  create: async () => {
    const { store } = createFakeStore({ registry: false });
    return { store, teardown: () => store.close() };
  },
});
