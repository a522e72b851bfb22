import type { ReadModelStore } from '@rapport/projections';
import { analyzeAsTheyGrow } from './internal/analyzeAsTheyGrow';
import { resolveConnection } from './internal/connection';
import { createDatabase } from './internal/database';
import { quoteIdentifier } from './internal/identifier';
import { createOutboxOperations } from './internal/outbox/outboxOperations';
import { createOutboxStatements } from './internal/outbox/outboxStatements';
import { registerInternals } from './internal/readModels/readModelInternals';
import { createReadModelOperations, type ReadModelContext } from './internal/readModels/readModelOperations';
import { createReadModelStatements } from './internal/readModels/readModelStatements';
import { storeLifecycle } from './internal/storeLifecycle';
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
 * collection's checkpoint, timers, aliases and dead letters, and the tenant's outbox of reactor effects. A runner's
 * `commit` is one call of one database function, so documents, timers, aliases, dead letters, the checkpoint and a
 * reactor's effects are written in one transaction, in bulk.
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
  const lifecycle = storeLifecycle(resolved, 'read-model store');
  const tenant = encodeText(tenantId);
  const context: ReadModelContext = {
    db,
    statements: createReadModelStatements(schema),
    tenant,
    ready: lifecycle.ready,
    wrote: analyzeAsTheyGrow(db, [
      `${quoteIdentifier(schema)}.read_model_documents`,
      `${quoteIdentifier(schema)}.read_model_timers`,
    ]),
    outbox: createOutboxOperations({
      db,
      statements: createOutboxStatements(schema),
      tenant,
      ready: lifecycle.ready,
    }),
  };
  const store: PostgresReadModelStore = {
    ...createReadModelOperations(context, { count: 0, index: 0 }),
    schema,
    tenantId,
    migrate: lifecycle.migrate,
    close: () => lifecycle.close(),
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
