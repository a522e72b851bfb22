import {
  normalizeFilter,
  type RapportError,
  type RecordedEvent,
  type SubscribeOptions,
  ValidationError,
} from '@rapport/core';
import { Observable } from 'rxjs';
import { storeUnavailable } from './database';
import { readPage } from './readAll';
import { nextTurn } from './sleep';
import type { StoreContext } from './storeContext';
import type { WakeUps } from './wakeUps';

/** What a subscription needs beyond the store context. */
export interface SubscriptionContext extends StoreContext {
  readonly wakeUps: WakeUps;
  /** Completes the subscription when the store closes; returns the unregister function. */
  readonly onClose: (complete: () => void) => () => void;
  readonly isClosed: () => boolean;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly onError: (error: RapportError) => void;
}

/**
 * Catch-up then live, as one loop over a cursor: read a page below the horizon after the cursor, emit it, move
 * the cursor to the page's `lastPosition`; at the end of the log, sleep until a wake-up (local append, NOTIFY,
 * LISTEN reconnect) or the poll interval. There is no hand-over between a catch-up and a live phase, so nothing
 * can fall between them, and the cursor only moves past events already emitted, so a retried read after a
 * failure neither loses nor repeats an event.
 */
export const subscribeToAll = (
  context: SubscriptionContext,
  options: SubscribeOptions = {},
): Observable<RecordedEvent> => {
  const after = options.after ?? 0n;
  if (typeof after !== 'bigint' || after < 0n) {
    throw new ValidationError([{ path: 'after', rule: 'must be a non-negative bigint', got: String(after) }]);
  }
  const { types, streamPrefix } = normalizeFilter(options);
  return new Observable<RecordedEvent>((subscriber) => {
    let cursor = after;
    let stopped = false;
    let running = false;
    let again = false;
    let failures = 0;
    let hiddenRounds = 0;
    let timer: NodeJS.Timeout | undefined;

    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(wake, ms);
    };
    const wake = () => {
      if (stopped) return;
      if (running) again = true;
      else void run();
    };
    const run = async () => {
      running = true;
      clearTimeout(timer);
      try {
        for (;;) {
          again = false;
          await context.ready();
          const page = await readPage(context, {
            after: cursor,
            maxCount: context.batchSize,
            types,
            streamPrefix,
          });
          failures = 0;
          for (const event of page.events) {
            if (stopped) return;
            subscriber.next(event);
          }
          cursor = page.lastPosition;
          if (stopped) return;
          if (page.pending) {
            // committed events wait behind an older open transaction: look again soon
            hiddenRounds++;
            return schedule(Math.min(2 ** hiddenRounds, context.pollIntervalMs));
          }
          hiddenRounds = 0;
          if (page.isEnd && !again) return schedule(context.pollIntervalMs);
          await nextTurn();
        }
      } catch (error) {
        if (stopped) return;
        if (context.isClosed()) return subscriber.complete();
        failures++;
        const wrapped = storeUnavailable('subscribeToAll', error);
        if (failures > context.maxRetries) {
          stopped = true;
          return subscriber.error(wrapped);
        }
        context.onError(wrapped);
        schedule(Math.min(context.retryDelayMs * 2 ** (failures - 1), 5_000));
      } finally {
        running = false;
      }
    };

    const removeWakeUp = context.wakeUps.add(wake);
    const removeCloser = context.onClose(() => subscriber.complete());
    wake();
    return () => {
      stopped = true;
      clearTimeout(timer);
      removeWakeUp();
      removeCloser();
    };
  });
};
