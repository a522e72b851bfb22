import { eventStoreContract } from '@rapport/testing';
import { createInMemoryEventStore } from './inMemoryEventStore';

eventStoreContract('in-memory', {
  create: async ({ registry }) => {
    const store = createInMemoryEventStore({ registry });
    return { store, teardown: () => store.close() };
  },
});
