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

/** The metadata the store records for an event of the default tenant, as JSON text. */
export const storedMetadata = (now: string): string =>
  JSON.stringify({ occurredAt: now, recordedAt: now, tenantId: 'default', schemaVersion: 1 });

/**
 * Appends one event through the store's SQL function on `client`, inside whatever transaction the caller opened,
 * so a test can hold the transaction open; returns the event's global position.
 */
export const appendOnClient = async (
  client: pg.Client,
  schema: string,
  streamId: string,
  type = 'Held',
): Promise<bigint> => {
  const now = new Date().toISOString();
  const metadata = storedMetadata(now);
  const { rows } = await client.query<{ outcome: number; first_position: string }>(
    `SELECT outcome, first_position::text FROM "${schema}".append_to_stream('default', $1, 'any', NULL, $2,
       ARRAY[gen_random_uuid()], ARRAY[$3], '{}', $4, ARRAY[$2::timestamptz])`,
    [streamId, now, type, metadata],
  );
  if (rows[0]?.outcome !== 0) throw new Error(`append on client failed: ${JSON.stringify(rows)}`);
  return BigInt(rows[0].first_position);
};

/** Every row of every table in `schema`, as text: what a copy of the database would hold. */
export const dumpSchema = async (schema: string): Promise<string> => {
  const client = await connect('rapport-dump');
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`);
      parts.push(...rows.map((row) => `${table_name}: ${row.row}`));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
};
