import { isRapportError, type RecordedEvent } from '@rapport/core';
import type { DeadLetter } from '@rapport/projections';
import type { Gateway, PersistentSubscriptionSettings } from '../gateway';
import { isRetryable, type RetryPolicy, retryDelay, sleep } from '../retry';
import type { BatchConfig } from './applyBatch';
import { consume } from './consume';

/** What a partitioned worker is doing, and what it has done since it started. */
export interface PartitionedWorkerStatus {
  readonly state: 'idle' | 'running' | 'retrying' | 'stopped' | 'failed';
  /** Events applied to the read model by this worker. */
  readonly applied: number;
  /** Deliveries skipped because the read model already held them (redeliveries). */
  readonly duplicates: number;
  /** Messages this worker parked (a stream it could not read). */
  readonly parked: number;
  readonly lastError: string | undefined;
  /** The dead letter that stopped the projection under its `'stop'` policy. */
  readonly failure: DeadLetter | undefined;
}

/** One consumer of a projection's persistent subscription group. */
export interface PartitionedWorker {
  /** Creates the group if it is missing, joins it and starts applying; resolves once joined. */
  start(): Promise<void>;
  /** Finishes the batch in hand, hands queued messages back to the server and leaves the group. */
  stop(): Promise<void>;
  status(): PartitionedWorkerStatus;
}

/** The worker's settings, defaults applied. */
export interface WorkerConfig<TState, TEvent extends RecordedEvent> extends BatchConfig<TState, TEvent> {
  readonly group: string;
  readonly settings: PersistentSubscriptionSettings;
  readonly batchSize: number;
  readonly bufferSize: number;
  readonly retry: RetryPolicy;
  readonly onError: (error: unknown) => void;
  readonly onClose?: () => Promise<void>;
}

/** Builds a worker over any gateway: the real client in production, the fake in unit tests. */
export const createWorkerOnGateway = <TState, TEvent extends RecordedEvent>(
  gateway: Gateway,
  config: WorkerConfig<TState, TEvent>,
): PartitionedWorker => {
  let status: PartitionedWorkerStatus = {
    state: 'idle',
    applied: 0,
    duplicates: 0,
    parked: 0,
    lastError: undefined,
    failure: undefined,
  };
  let running = false;
  let loop: Promise<void> | undefined;
  let stopping = new AbortController();
  const update = (patch: Partial<PartitionedWorkerStatus>) => {
    status = { ...status, ...patch };
  };
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const isTransient = (error: unknown) => isRetryable(error) || isRapportError(error, 'ConcurrencyConflict');

  const run = async () => {
    let failures = 0;
    while (running) {
      const feed = gateway.subscribeToPersistentSubscriptionToAll(config.group, {
        bufferSize: config.bufferSize,
      });
      const result = await consume(feed, config, {
        isRunning: () => running,
        signal: stopping.signal,
        batchSize: config.batchSize,
        isTransient,
        onError: config.onError,
        onBatch: (outcome) =>
          update({
            applied: status.applied + outcome.applied,
            duplicates: status.duplicates + outcome.duplicates,
            parked: status.parked + outcome.park.length,
            lastError: undefined,
          }),
      });
      if (!running) break;
      if (result.stopped !== undefined) return update({ state: 'failed', failure: result.stopped });
      if (result.fatal !== undefined) {
        config.onError(result.fatal);
        return update({ state: 'failed', lastError: describe(result.fatal) });
      }
      failures = result.progressed ? 1 : failures + 1;
      config.onError(result.failure);
      if (failures > config.retry.maxRetries) {
        return update({
          state: 'failed',
          lastError: `gave up after ${failures} attempts: ${describe(result.failure)}`,
        });
      }
      update({ state: 'retrying', lastError: describe(result.failure) });
      await sleep(retryDelay(config.retry, failures), stopping.signal);
      if (running) update({ state: 'running' });
    }
  };

  return {
    async start() {
      if (running) return;
      await gateway.ensurePersistentSubscriptionToAll(config.group, config.settings);
      running = true;
      stopping = new AbortController();
      update({ state: 'running', failure: undefined, lastError: undefined });
      loop = run().catch((error: unknown) => {
        config.onError(error);
        update({ state: 'failed', lastError: describe(error) });
      });
    },
    async stop() {
      running = false;
      stopping.abort();
      await loop;
      if (status.state !== 'failed') update({ state: 'stopped' });
      await config.onClose?.();
    },
    status: () => status,
  };
};
