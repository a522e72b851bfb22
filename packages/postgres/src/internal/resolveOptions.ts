import {
  type Clock,
  type EventRegistry,
  type RapportError,
  systemClock,
  touchpointRegistry,
} from '@rapport/core';
import type pg from 'pg';
import type { PostgresEventStoreOptions } from '../postgresEventStoreOptions';
import { integerOption, resolveConnection } from './connection';

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

/** Validates the options, applies defaults and creates the pool when the store owns one. */
export const resolveOptions = (options: PostgresEventStoreOptions): ResolvedOptions => {
  const connection = resolveConnection(options);
  return {
    ...connection,
    registry: options.registry ?? touchpointRegistry,
    clock: options.clock ?? systemClock,
    pollIntervalMs: integerOption(options.pollIntervalMs, 500, 'pollIntervalMs', 1),
    horizonWaitMs: integerOption(options.horizonWaitMs, 5_000, 'horizonWaitMs', 0),
    copyThreshold: integerOption(options.copyThreshold, 1_000, 'copyThreshold', 1),
    batchSize: integerOption(options.subscription?.batchSize, 500, 'subscription.batchSize', 1),
    maxRetries: integerOption(options.subscription?.maxRetries, 5, 'subscription.maxRetries', 0),
    retryDelayMs: integerOption(options.subscription?.retryDelayMs, 100, 'subscription.retryDelayMs', 1),
    onError: options.onError ?? (() => undefined),
  };
};
