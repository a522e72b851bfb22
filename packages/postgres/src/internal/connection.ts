import { RapportError } from '@rapport/core';
import pg from 'pg';
import type { PostgresConnectionOptions } from '../postgresConnectionOptions';
import { assertIdentifier } from './identifier';

/** Connection options with defaults applied, the pool created when the store owns one. */
export interface ResolvedConnection {
  readonly pool: pg.Pool;
  readonly ownsPool: boolean;
  readonly schema: string;
  readonly tenantId: string;
  readonly autoMigrate: boolean;
}

/** Throws a Configuration error unless `value` is an integer of at least `min`; returns it or the fallback. */
export const integerOption = (
  value: number | undefined,
  fallback: number,
  name: string,
  min: number,
): number => {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min) {
    throw new RapportError(
      'Configuration',
      `${name} must be an integer of at least ${min} (got ${resolved})`,
    );
  }
  return resolved;
};

/** Throws a Configuration error unless the tenant id is a non-empty string of at most 200 characters. */
export const assertTenantId = (tenantId: unknown): string => {
  if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.length > 200) {
    throw new RapportError('Configuration', 'tenantId must be a non-empty string of at most 200 characters', {
      data: { tenantId },
    });
  }
  return tenantId;
};

/** Validates schema, tenant and pool options before anything touches the database, and creates the pool if owned. */
export const resolveConnection = (options: PostgresConnectionOptions): ResolvedConnection => {
  const schema = assertIdentifier(options.schema ?? 'rapport', 'schema');
  const tenantId = assertTenantId(options.tenantId ?? 'default');
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new RapportError('Configuration', 'give exactly one of connectionString or pool');
  }
  const statementTimeout = integerOption(options.statementTimeoutMs, 30_000, 'statementTimeoutMs', 0);
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: integerOption(options.poolSize, 10, 'poolSize', 2),
      application_name: options.applicationName ?? 'rapport',
      ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    });
  // an idle connection that dies emits 'error' on the pool; unhandled, that would crash the process
  if (!options.pool) pool.on('error', () => undefined);
  return { pool, ownsPool: !options.pool, schema, tenantId, autoMigrate: options.autoMigrate ?? true };
};
