import { randomBytes } from 'node:crypto';
import { readModelStoreContract } from '@rapport/testing/vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteReadModelStore } from './index';

const file = tempFile();
// a tenant per test: the outbox is the tenant's, not a collection's, and the outbox tests claim every due effect
const tenantId = () => `t-${randomBytes(6).toString('hex')}`;

readModelStoreContract('sqlite', {
  create: async () => {
    const store = createSqliteReadModelStore({ file, tenantId: tenantId() });
    return { store, teardown: () => store.close() };
  },
  createTenants: async () => {
    const stores = [
      createSqliteReadModelStore({ file, tenantId: 'acme' }),
      createSqliteReadModelStore({ file, tenantId: 'globex' }),
    ] as const;
    return {
      stores,
      teardown: async () => Promise.all(stores.map((store) => store.close())).then(() => undefined),
    };
  },
});
