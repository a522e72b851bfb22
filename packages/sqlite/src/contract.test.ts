import { eventStoreContract } from '@rapport/testing/vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore } from './index';

const file = tempFile();

eventStoreContract('sqlite', {
  create: async ({ registry }) => {
    const store = createSqliteEventStore({ file, registry });
    return { store, teardown: () => store.close() };
  },
});
