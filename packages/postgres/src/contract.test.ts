import { eventStoreContract } from '@rapport/testing/vitest';
import { afterAll } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore } from './index';

const schema = randomSchema('contract');
afterAll(() => dropSchema(schema));

eventStoreContract('postgres', {
  create: async ({ registry }) => {
    const store = createPostgresEventStore({ connectionString: pgUrl, schema, registry });
    return { store, teardown: () => store.close() };
  },
});
