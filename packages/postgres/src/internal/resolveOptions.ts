import { type Clock, type EventRegistry, RapportError, systemClock, touchpointRegistry } from '@rapport/core';
import pg from 'pg';
import type { PostgresEventStoreOptions } from '../postgresEventStoreOptions';
import { assertIdentifier } from './identifier';

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly pool: pg.Pool;
  readonly ownsPool: boolean;
  readonly schema: string;
  readonly tenantId: string;
  readonly registry: EventRegistry | false;
  readonly clock: Clock;
  readonly autoMigrate: boolean;
  readonly pollIntervalMs: number;
  readonly horizonWaitMs: number;
  readonly copyThreshold: number;
  readonly batchSize: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly onError: (error: RapportError) => void;
}

const count = (value: number | undefined, fallback: number, name: string, min: number): number => {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min) {
    throw new RapportError(
      'Configuration',
      `${name} must be an integer of at least ${min} (got ${resolved})`,
    );
  }
  return resolved;
};

/** Validates the options, applies defaults and creates the pool when the store owns one. */
export const resolveOptions = (options: PostgresEventStoreOptions): ResolvedOptions => {
  const schema = assertIdentifier(options.schema ?? 'rapport', 'schema');
  const tenantId = options.tenantId ?? 'default';
  if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.length > 200) {
    throw new RapportError('Configuration', 'tenantId must be a non-empty string of at most 200 characters');
  }
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new RapportError('Configuration', 'give exactly one of connectionString or pool');
  }
  const statementTimeout = count(options.statementTimeoutMs, 30_000, 'statementTimeoutMs', 0);
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: count(options.poolSize, 10, 'poolSize', 2),
      application_name: options.applicationName ?? 'rapport',
      ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    });
  const onError = options.onError ?? (() => undefined);
  // an idle connection that dies emits 'error' on the pool; unhandled, that would crash the process
  if (!options.pool) pool.on('error', () => undefined);
  return {
    pool,
    ownsPool: !options.pool,
    schema,
    tenantId,
    registry: options.registry ?? touchpointRegistry,
    clock: options.clock ?? systemClock,
    autoMigrate: options.autoMigrate ?? true,
    pollIntervalMs: count(options.pollIntervalMs, 500, 'pollIntervalMs', 1),
    horizonWaitMs: count(options.horizonWaitMs, 5_000, 'horizonWaitMs', 0),
    copyThreshold: count(options.copyThreshold, 1_000, 'copyThreshold', 1),
    batchSize: count(options.subscription?.batchSize, 500, 'subscription.batchSize', 1),
    maxRetries: count(options.subscription?.maxRetries, 5, 'subscription.maxRetries', 0),
    retryDelayMs: count(options.subscription?.retryDelayMs, 100, 'subscription.retryDelayMs', 1),
    onError,
  };
};
