import type { EventStore, RecordedEvent } from '@rapport/core';
import type { Signal } from './signal';

/** Live events buffered between the store's subscription and the runner's next batch. */
export interface LiveFeed {
  /** Up to `max` buffered events, oldest first, without removing them. */
  peek(max: number): RecordedEvent[];
  drop(count: number): void;
  readonly size: number;
  /** The subscription's error, if it failed. */
  readonly error: unknown;
  /** True when the subscription completed (the store closed). */
  readonly completed: boolean;
  close(): void;
}

/** Subscribes to the global log after `after` and buffers what arrives, notifying `signal` on every change. */
export const openLiveFeed = (store: EventStore, after: bigint, signal: Signal): LiveFeed => {
  let buffer: RecordedEvent[] = [];
  let head = 0;
  let error: unknown;
  let completed = false;
  const subscription = store.subscribeToAll({ after }).subscribe({
    next(event) {
      buffer.push(event);
      if (buffer.length - head === 1) signal.notify();
    },
    error(cause) {
      error = cause ?? new Error('live subscription failed');
      signal.notify();
    },
    complete() {
      completed = true;
      signal.notify();
    },
  });
  return {
    peek: (max) => buffer.slice(head, head + max),
    drop(count) {
      head += count;
      if (head > 4096 && head * 2 > buffer.length) {
        buffer = buffer.slice(head);
        head = 0;
      }
    },
    get size() {
      return buffer.length - head;
    },
    get error() {
      return error;
    },
    get completed() {
      return completed;
    },
    close: () => subscription.unsubscribe(),
  };
};
