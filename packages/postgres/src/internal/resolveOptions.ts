import { maxTimerMs, type RapportError, readOptions } from '@rapport/core';
import type { PostgresEventStoreOptions } from '../postgresEventStoreOptions';
import { type ResolvedConnection, resolveConnection } from './connection';

/** Options with every default applied. */
export interface ResolvedOptions extends ResolvedConnection {
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
  const factory = 'createPostgresEventStore';
  const read = readOptions(factory, options);
  const subscription = read.nested('subscription');
  const settings = {
    pollIntervalMs: read.integer('pollIntervalMs', 500, { min: 1, max: maxTimerMs }),
    horizonWaitMs: read.integer('horizonWaitMs', 5_000, { min: 0, max: maxTimerMs }),
    copyThreshold: read.integer('copyThreshold', 1_000, { min: 1 }),
    batchSize: subscription.integer('batchSize', 500, { min: 1, max: 100_000 }),
    maxRetries: subscription.integer('maxRetries', 5, { min: 0 }),
    retryDelayMs: subscription.integer('retryDelayMs', 100, { min: 1, max: maxTimerMs }),
    onError: read.callback('onError', (_error: RapportError) => undefined),
  };
  // the connection last: it creates the pool, so every other option is checked before a pool exists
  return { ...resolveConnection(factory, options), ...settings };
};
