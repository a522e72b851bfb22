import type { EventStore, ReadAllOptions, ReadAllResult, RecordedEvent } from '@rapport/core';

/**
 * An event store whose unfiltered `readAll` is served from one window of the log shared by the runners of a process.
 * Every partition reads the whole log, usually from nearby positions but rarely from the same ones (each cuts its
 * batches where its own timers fall due), so pages would not line up; the window holds the latest stretch read, in
 * position order, and any request starting inside it is cut from it. A request past its end extends it with one read
 * (shared by whoever asks meanwhile); one before it goes to the store. At most `capacity()` events are kept.
 */
export const sharedLog = (store: EventStore, capacity: () => number): EventStore => {
  let events: RecordedEvent[] = [];
  /** The window covers positions (low, high]: every event in that range is in `events`. */
  let low = -1n;
  let high = -1n;
  let atEnd = false;
  let extending: Promise<void> | undefined;

  const extend = (maxCount: number) => {
    extending ??= store
      .readAll({ after: high, maxCount })
      .then((page) => {
        events = events.concat(page.events);
        high = page.lastPosition;
        atEnd = page.isEnd;
        const excess = events.length - Math.max(maxCount, capacity());
        if (excess > 0) {
          low = events[excess - 1]!.globalPosition;
          events = events.slice(excess);
        }
      })
      .finally(() => {
        extending = undefined;
      });
    return extending;
  };
  const firstAfter = (position: bigint) => {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid]!.globalPosition <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const readAll = async (options: ReadAllOptions = {}): Promise<ReadAllResult> => {
    const after = options.after ?? 0n;
    const maxCount = options.maxCount ?? 1000;
    if (options.types !== undefined || options.streamPrefix !== undefined) return store.readAll(options);
    if (high < 0n) {
      low = after;
      high = after;
    }
    if (after < low || after > high) return store.readAll(options);
    if (after === high) await extend(maxCount);
    if (after < low) return store.readAll(options);
    const start = firstAfter(after);
    const slice = events.slice(start, start + maxCount);
    const full = slice.length === maxCount;
    const lastPosition = full ? slice[slice.length - 1]!.globalPosition : high;
    return { events: slice, lastPosition, isEnd: !full && atEnd };
  };
  return { ...store, readAll };
};
