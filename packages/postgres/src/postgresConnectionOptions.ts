import type pg from 'pg';

/** Where a PostgreSQL store connects and whose data it sees; shared by the read-model store and the key store. */
export interface PostgresConnectionOptions {
  /** Where to connect, e.g. `postgres://user@host:5432/db`; the store then owns (and closes) its pool. */
  readonly connectionString?: string;
  /** An existing pool to use instead (e.g. the event store's); the store never ends it. */
  readonly pool?: pg.Pool;
  /** Connections of the store's own pool; default 10. */
  readonly poolSize?: number;
  /** Server-side statement timeout of the store's own pool, in ms; default 30 000, 0 disables. */
  readonly statementTimeoutMs?: number;
  /** Schema holding the tables; default `'rapport'`. Lower-case letters, digits, `_`, at most 48 characters. */
  readonly schema?: string;
  /** The tenant whose data the store reads and writes; nothing of another tenant is ever visible. Default `'default'`. */
  readonly tenantId?: string;
  /** Run migrations before the first operation; default true. With false, call `migrate()` yourself. */
  readonly autoMigrate?: boolean;
  /** `application_name` of the store's own connections; default `'rapport'`. */
  readonly applicationName?: string;
}
