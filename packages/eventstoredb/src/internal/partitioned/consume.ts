import { RapportError, type RecordedEvent } from '@rapport/core';
import type { PersistentDelivery, PersistentFeed } from '../gateway';
import { applyBatch, type BatchConfig, type BatchOutcome } from './applyBatch';

/** Why one connection to the group ended. */
export interface ConsumeResult {
  /** A transient failure (dropped connection, store unavailable): resubscribe after a back-off. */
  readonly failure?: unknown;
  /** A failure retrying will not cure (a bug, a misconfiguration). */
  readonly fatal?: unknown;
  readonly stopped?: BatchOutcome['stoppedBy'];
  readonly progressed: boolean;
}

/** What `consume` reports besides its result. */
export interface ConsumeHooks {
  readonly isRunning: () => boolean;
  /** Aborted when the worker stops. */
  readonly signal: AbortSignal;
  readonly batchSize: number;
  readonly onBatch: (outcome: BatchOutcome) => void;
  readonly onError: (error: unknown) => void;
  readonly isTransient: (error: unknown) => boolean;
}

const waker = () => {
  let wake: (() => void) | undefined;
  return {
    wait: () =>
      new Promise<void>((resolve) => {
        wake = resolve;
      }),
    wake: () => {
      const current = wake;
      wake = undefined;
      current?.();
    },
  };
};

/**
 * Consumes one connection to the group: a pump async-iterates the feed (so the server's `bufferSize` and our queue are
 * the only buffers), and batches of at most `batchSize` messages are applied, then acked, parked or nacked for retry as
 * the batch decided. Acks that fail are only reported: the server redelivers those messages and the ledger skips them.
 */
export const consume = async <TState, TEvent extends RecordedEvent>(
  feed: PersistentFeed,
  config: BatchConfig<TState, TEvent>,
  hooks: ConsumeHooks,
): Promise<ConsumeResult> => {
  const queue: PersistentDelivery[] = [];
  const arrived = waker();
  const room = waker();
  let ended = false;
  let endError: unknown;
  hooks.signal.addEventListener('abort', arrived.wake);
  const pump = (async () => {
    try {
      for await (const delivery of feed) {
        queue.push(delivery);
        arrived.wake();
        while (queue.length >= hooks.batchSize && hooks.isRunning()) await room.wait();
        if (!hooks.isRunning()) break;
      }
    } catch (error) {
      endError = error;
    } finally {
      ended = true;
      arrived.wake();
    }
  })();
  const settle = (what: Promise<void>) => what.catch(hooks.onError);
  let progressed = false;
  let result: ConsumeResult | undefined;
  while (hooks.isRunning() && result === undefined) {
    if (queue.length === 0) {
      if (ended) break;
      await arrived.wait();
      continue;
    }
    const batch = queue.splice(0, hooks.batchSize);
    room.wake();
    let outcome: BatchOutcome;
    try {
      outcome = await applyBatch(config, batch);
    } catch (error) {
      await settle(feed.nack('retry', `rapport: ${String(error)}`, batch));
      result = hooks.isTransient(error) ? { failure: error, progressed } : { fatal: error, progressed };
      break;
    }
    await settle(feed.ack(outcome.ack));
    for (const { delivery, reason } of outcome.park) await settle(feed.nack('park', reason, [delivery]));
    if (outcome.retry.length > 0)
      await settle(feed.nack('retry', 'rapport: projection stopped', outcome.retry));
    hooks.onBatch(outcome);
    if (outcome.stoppedBy !== undefined) result = { stopped: outcome.stoppedBy, progressed };
    progressed = true;
  }
  // hand what is still queued back at once rather than after the server's message timeout
  if (queue.length > 0) await settle(feed.nack('retry', 'rapport: consumer leaving', queue.splice(0)));
  room.wake();
  hooks.signal.removeEventListener('abort', arrived.wake);
  await feed.close().catch(() => undefined);
  await pump;
  if (result !== undefined) return result;
  return hooks.isRunning()
    ? {
        failure:
          endError ??
          new RapportError('StoreUnavailable', 'the persistent subscription ended without an error'),
        progressed,
      }
    : { progressed };
};
