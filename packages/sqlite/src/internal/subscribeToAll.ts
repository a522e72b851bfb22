import {
  assertOptionBag,
  normalizeFilter,
  type ReadAllResult,
  type RecordedEvent,
  renderValue,
  type SubscribeOptions,
  ValidationError,
} from '@rapport/core';
import { Observable } from 'rxjs';

/** What a subscription needs from its store. */
export interface SubscriptionContext {
  /** Reads a page of the log after a position, in one snapshot. */
  readonly readPage: (after: bigint, filter: ReturnType<typeof normalizeFilter>) => ReadAllResult;
  readonly pollIntervalMs: number;
  readonly isClosed: () => boolean;
  /** Registers a wake-up called after each append of this store and at close; returns its removal. */
  readonly onAppend: (wake: () => void) => () => void;
}

/**
 * Catch-up and live are one loop: read the next page after the cursor, deliver it, repeat; at the end of the log
 * wait for an append of this store (next tick) or the poll interval (appends of other processes). The cursor only
 * moves to positions a snapshot showed, and a snapshot never misses a position below one it holds (SQLite commits
 * one writer at a time, each taking positions above every committed one), so nothing is skipped or repeated.
 */
export const subscribeToAll = (
  context: SubscriptionContext,
  options: SubscribeOptions = {},
): Observable<RecordedEvent> => {
  assertOptionBag(options, 'options');
  const after = options.after ?? 0n;
  if (typeof after !== 'bigint' || after < 0n) {
    throw new ValidationError([
      { path: 'after', rule: 'must be a non-negative bigint', got: renderValue(after) },
    ]);
  }
  const filter = normalizeFilter(options);
  return new Observable<RecordedEvent>((subscriber) => {
    let cursor = after;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    let removeWake: (() => void) | undefined;
    const idle = () => {
      clearTimeout(timer);
      removeWake?.();
      timer = undefined;
      removeWake = undefined;
    };
    const pump = () => {
      idle();
      immediate = undefined;
      if (stopped) return;
      if (context.isClosed()) return subscriber.complete();
      let page: ReadAllResult;
      try {
        page = context.readPage(cursor, filter);
      } catch (error) {
        return subscriber.error(error);
      }
      for (const event of page.events) {
        if (stopped) return;
        subscriber.next(event);
      }
      cursor = page.lastPosition;
      if (stopped) return;
      if (!page.isEnd) {
        immediate = setImmediate(pump);
        return;
      }
      removeWake = context.onAppend(() => {
        if (immediate === undefined) immediate = setImmediate(pump);
      });
      timer = setTimeout(pump, context.pollIntervalMs);
    };
    immediate = setImmediate(pump);
    return () => {
      stopped = true;
      idle();
      if (immediate !== undefined) clearImmediate(immediate);
    };
  });
};
