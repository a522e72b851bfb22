import { RapportError } from '@rapport/core';
import type { ReadModelStore } from '@rapport/projections';
import { analyzeAsTheyGrow } from './internal/analyzeAsTheyGrow';
import { resolveConnection } from './internal/connection';
import { createDatabase, storeUnavailable } from './internal/database';
import { quoteIdentifier } from './internal/identifier';
import { runMigrations } from './internal/migrations/runMigrations';
import { registerInternals } from './internal/readModels/readModelInternals';
import { createReadModelOperations, type ReadModelContext } from './internal/readModels/readModelOperations';
import { createReadModelStatements } from './internal/readModels/readModelStatements';
import { encodeText } from './internal/textCodec';
import type { PostgresConnectionOptions } from './postgresConnectionOptions';

/** Options of `createPostgresReadModelStore`: where to connect and whose read models these are. */
export type PostgresReadModelStoreOptions = PostgresConnectionOptions;

/** The PostgreSQL read-model store: the `ReadModelStore` port plus schema management. */
export interface PostgresReadModelStore extends ReadModelStore {
  /** Creates or upgrades the schema (shared with the event store); idempotent and safe from many processes. */
  migrate(): Promise<void>;
  /** Ends the pool if the store owns it. */
  close(): Promise<void>;
  readonly schema: string;
  readonly tenantId: string;
}

/**
 * Creates a `ReadModelStore` on PostgreSQL: JSON documents keyed by (tenant, collection, key), with each
 * collection's checkpoint, timers, aliases and dead letters. A runner's `commit` is one call of one database function,
 * so documents, timers, aliases, dead letters and the checkpoint are written in one transaction, in bulk.
 *
 * @example
 * const readModels = createPostgresReadModelStore({ connectionString: 'postgres://localhost/crm' });
 * createProjectionRunner({ projection: profileProjection, eventStore, readModels }).start();
 */
export const createPostgresReadModelStore = (
  options: PostgresReadModelStoreOptions,
): PostgresReadModelStore => {
  const resolved = resolveConnection('createPostgresReadModelStore', options);
  const { pool, schema, tenantId } = resolved;
  const db = createDatabase(pool);
  let closed = false;
  let migration: Promise<void> | undefined;
  const migrate = () => {
    migration ??= runMigrations(pool, schema).catch((error: unknown) => {
      migration = undefined;
      throw storeUnavailable('migrate', error);
    });
    return migration;
  };
  const ensureOpen = () => {
    if (closed) throw new RapportError('StoreUnavailable', 'the postgres read-model store is closed');
  };
  const context: ReadModelContext = {
    db,
    statements: createReadModelStatements(schema),
    tenant: encodeText(tenantId),
    ready: async () => {
      ensureOpen();
      if (resolved.autoMigrate) await migrate();
    },
    wrote: analyzeAsTheyGrow(db, [
      `${quoteIdentifier(schema)}.read_model_documents`,
      `${quoteIdentifier(schema)}.read_model_timers`,
    ]),
  };
  const store: PostgresReadModelStore = {
    ...createReadModelOperations(context, { count: 0, index: 0 }),
    schema,
    tenantId,
    migrate: async () => {
      ensureOpen();
      await migrate();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (resolved.ownsPool) await pool.end();
    },
  };
  registerInternals(store, {
    context,
    pool,
    schema,
    tenantId,
    partition: (index, count) => createReadModelOperations(context, { count, index }),
  });
  return store;
};
