import { readModelStoreContract } from '@rapport/testing';
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

readModelStoreContract('postgres', {
  create: async () => ({ store: createPostgresReadModelStore({ pool, schema }) }),
  createTenants: async () => ({
    stores: [
      createPostgresReadModelStore({ pool, schema, tenantId: 'acme' }),
      createPostgresReadModelStore({ pool, schema, tenantId: 'globex' }),
    ],
  }),
});
