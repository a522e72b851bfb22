import { erasureContract } from '@rapport/testing/vitest';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';

erasureContract('in-memory', {
  create: async () => ({ store: createInMemoryEventStore({ registry: false }) }),
});
