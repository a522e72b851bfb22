import { erasureContract } from '@rapport/testing/vitest';
import { createTestStore, dumpSchema, pgUrl } from '../test/support';
import { createPostgresKeyStore } from './index';

erasureContract('postgres', {
  create: async () => {
    const { store, schema, teardown } = await createTestStore('erasure');
    const keyStore = createPostgresKeyStore({ connectionString: pgUrl, schema });
    return {
      store,
      keyStore,
      dump: () => dumpSchema(schema),
      teardown: async () => {
        await keyStore.close();
        await teardown();
      },
    };
  },
});
