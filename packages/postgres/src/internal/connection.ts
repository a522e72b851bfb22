import { type Clock, type EventRegistry, maxTimerMs, readOptions, resolveStoreOptions } from '@rapport/core';
import pg from 'pg';
import { assertIdentifier } from './identifier';

/** Connection options with defaults applied, the pool created when the store owns one. */
export interface ResolvedConnection {
  readonly pool: pg.Pool;
  readonly ownsPool: boolean;
  readonly schema: string;
  readonly tenantId: string;
  readonly registry: EventRegistry | false;
  readonly clock: Clock;
  readonly futureToleranceMs: number;
  readonly autoMigrate: boolean;
}

// text without control characters: what a connection string can be
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected
const PRINTABLE = /^[^\u0000-\u001f\u007f]{1,2000}$/;

/**
 * Validates the options every PostgreSQL store shares (connection, schema, tenant, registry, clock) before anything
 * touches the database, and creates the pool if the store owns one. `factory` names the caller in errors.
 */
export const resolveConnection = (factory: string, options: unknown): ResolvedConnection => {
  const read = readOptions(factory, options);
  const { registry, clock, tenantId, futureToleranceMs } = resolveStoreOptions(factory, options);
  const schema = assertIdentifier(
    read.raw('schema') === undefined ? 'rapport' : read.raw('schema'),
    'schema',
  );
  const connectionString = read.optionalString(
    'connectionString',
    PRINTABLE,
    'a postgres:// URL or a libpq connection string',
  );
  const given = read.service<pg.Pool | undefined>('pool', ['connect', 'query', 'on'], 'a pg.Pool', true);
  if ((given === undefined) === (connectionString === undefined)) {
    throw read.error('give exactly one of connectionString or pool');
  }
  const statementTimeout = read.integer('statementTimeoutMs', 30_000, { min: 0, max: maxTimerMs });
  const poolSize = read.integer('poolSize', 10, { min: 2, max: 1000 });
  const applicationName = read.string(
    'applicationName',
    'rapport',
    /^[\x20-\x7e]{1,63}$/,
    '1-63 printable ASCII characters',
  );
  const autoMigrate = read.boolean('autoMigrate', true);
  let pool = given as pg.Pool | undefined;
  if (pool === undefined) {
    try {
      pool = new pg.Pool({
        connectionString,
        max: poolSize,
        application_name: applicationName,
        ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
      });
    } catch (cause) {
      throw read.error(`connectionString cannot be used (${(cause as Error).message})`);
    }
    // an idle connection that dies emits 'error' on the pool; unhandled, that would crash the process
    pool.on('error', () => undefined);
  }
  return {
    pool,
    ownsPool: given === undefined,
    schema,
    tenantId,
    registry,
    clock,
    futureToleranceMs,
    autoMigrate,
  };
};
