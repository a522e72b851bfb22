import { randomBytes } from 'node:crypto';
import { readModelStoreContract } from '@rapport/testing/vitest';
import pg from 'pg';
import { afterAll } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresReadModelStore } from './index';

const schema = randomSchema('rmcontract');
const pool = new pg.Pool({ connectionString: pgUrl, max: 6 });
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});

// a tenant per test: the outbox is the tenant's, not a collection's, and the outbox tests claim every due effect
const tenantId = () => `t-${randomBytes(6).toString('hex')}`;

readModelStoreContract('postgres', {
  create: async () => ({ store: createPostgresReadModelStore({ pool, schema, tenantId: tenantId() }) }),
  createTenants: async () => ({
    stores: [
      createPostgresReadModelStore({ pool, schema, tenantId: 'acme' }),
      createPostgresReadModelStore({ pool, schema, tenantId: 'globex' }),
    ],
  }),
});
