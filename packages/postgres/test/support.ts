import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from '../src/index';

/** The test database; override with RAPPORT_PG_URL. */
export const pgUrl = process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name, so test files can run in parallel and repeatedly. */
export const randomSchema = (label: string): string => `t_${label}_${randomBytes(5).toString('hex')}`;

/** Drops a schema created by a test. */
export const dropSchema = async (schema: string): Promise<void> => {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};

/** A migrated store in its own schema, and how to get rid of both. */
export interface TestStore {
  readonly store: PostgresEventStore;
  readonly schema: string;
  readonly teardown: () => Promise<void>;
}

/** Creates a store in a new schema (or `schema`), accepting any event type unless a registry is given. */
export const createTestStore = async (
  label: string,
  options: Partial<PostgresEventStoreOptions> = {},
): Promise<TestStore> => {
  const schema = options.schema ?? randomSchema(label);
  const store = createPostgresEventStore({
    registry: false,
    ...options,
    ...(options.pool ? {} : { connectionString: pgUrl }),
    schema,
  });
  await store.migrate();
  return {
    store,
    schema,
    teardown: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
};

/** A plain client for tests that drive transactions by hand. */
export const connect = async (applicationName = 'rapport-test'): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: pgUrl, application_name: applicationName });
  await client.connect();
  return client;
};
