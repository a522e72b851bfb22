import { readModelStoreContract } from '@rapport/testing/vitest';
import { createInMemoryReadModelStore } from './inMemoryReadModelStore';

readModelStoreContract('in-memory', {
  create: async () => ({ store: createInMemoryReadModelStore({ freeze: true }) }),
});
