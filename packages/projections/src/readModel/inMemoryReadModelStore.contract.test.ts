import { readModelStoreContract } from '@rapport/testing';
import { createInMemoryReadModelStore } from './inMemoryReadModelStore';

readModelStoreContract('in-memory', {
  create: async () => ({ store: createInMemoryReadModelStore({ freeze: true }) }),
});
