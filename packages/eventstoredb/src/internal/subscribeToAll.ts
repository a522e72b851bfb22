import {
  normalizeFilter,
  RapportError,
  type RecordedEvent,
  type SubscribeOptions,
  ValidationError,
} from '@rapport/core';
import { Observable } from 'rxjs';
import { positionOf, type StoreContext } from './context';
import { matchesFilter, serverFilterFor } from './filters';
import type { LogPosition, RecordFeed, StoredRecord } from './gateway';
import { isAfter, logPositionOf } from './positions';
import { isRetryable, retryDelay, sleep } from './retry';

const silentDrop = () =>
  new RapportError('StoreUnavailable', 'the subscription to $all ended without an error (a silent drop)');

/**
 * Catch-up then live over `$all`, resumed after drops. The server subscription itself hands over from
 * catch-up to live without a gap. The feed is async-iterated, so a slow consumer slows the reads instead of
 * filling memory. When the feed errors or simply ends, it is reopened strictly after the last position seen,
 * after a back-off, up to `maxRetries` consecutive failures; then the error reaches the subscriber. Records
 * at or before the last position seen are dropped, so a resume never delivers an event twice.
 */
export const subscribeToAll = (
  context: StoreContext,
  options: SubscribeOptions = {},
): Observable<RecordedEvent> => {
  const after = options.after ?? 0n;
  if (typeof after !== 'bigint' || after < 0n) {
    throw new ValidationError([{ path: 'after', rule: 'must be a non-negative bigint', got: String(after) }]);
  }
  const filter = normalizeFilter(options);
  const serverFilter = serverFilterFor(filter);
  const { retry } = context.config;

  return new Observable<RecordedEvent>((subscriber) => {
    let cursor: LogPosition | 'start' = logPositionOf(after);
    let feed: RecordFeed | undefined;
    const stopping = new AbortController();
    const stop = () => {
      stopping.abort();
      const open = feed;
      feed = undefined;
      open?.close().catch(() => undefined);
    };
    const deregister = context.onClose(() => {
      stop();
      subscriber.complete();
    });

    const deliver = (record: StoredRecord) => {
      const position = positionOf(record);
      if (!isAfter(position, cursor)) return; // already delivered before a resume
      cursor = position;
      if (matchesFilter(record, filter)) subscriber.next(context.toRecorded(record));
    };

    /** Runs one server subscription to its end; returns why it ended (undefined when we stopped it). */
    const follow = async (
      current: RecordFeed,
    ): Promise<{ failure?: unknown; fatal?: unknown; progressed: boolean }> => {
      let progressed = false;
      try {
        for await (const record of current) {
          if (stopping.signal.aborted) return { progressed };
          try {
            deliver(record);
          } catch (fatal) {
            return { fatal, progressed };
          }
          progressed = true;
        }
        return stopping.signal.aborted ? { progressed } : { failure: silentDrop(), progressed };
      } catch (failure) {
        return { failure, progressed };
      }
    };

    const run = async () => {
      let failures = 0;
      while (!stopping.signal.aborted) {
        if (context.isClosed()) return subscriber.complete();
        const current = context.gateway.subscribeToAll({ from: cursor, filter: serverFilter });
        feed = current;
        const { failure, fatal, progressed } = await follow(current);
        await current.close().catch(() => undefined);
        if (stopping.signal.aborted) return;
        if (fatal !== undefined) return subscriber.error(fatal);
        if (!isRetryable(failure)) return subscriber.error(failure);
        failures = progressed ? 1 : failures + 1;
        if (failures > retry.maxRetries) {
          const reason = failure instanceof Error ? failure.message : String(failure);
          return subscriber.error(
            new RapportError(
              'StoreUnavailable',
              `the subscription to $all failed ${failures} times in a row; giving up (${reason})`,
              { cause: failure, data: { attempts: failures } },
            ),
          );
        }
        await sleep(retryDelay(retry, failures), stopping.signal);
      }
    };
    run().catch((error: unknown) => subscriber.error(error));

    return () => {
      deregister();
      stop();
    };
  });
};
