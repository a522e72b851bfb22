import type { EventStore, RecordedEvent } from '@rapport/core';
import { Observable } from 'rxjs';
import type { ReadModelStore } from '../readModel/readModelStore';

/** Test-only: an event store whose subscriptions hold back what they deliver until `open` is called. */
export interface GatedEventStore extends EventStore {
  /** Delivers what was held back, and everything after it at once. */
  open(): void;
  /** Holds back deliveries again. */
  shut(): void;
}

/** Test-only: wraps a store so a test decides when its live subscriptions deliver (appends and reads are untouched). */
export const gatedEventStore = (inner: EventStore): GatedEventStore => {
  let opened = true;
  const flushes = new Set<() => void>();
  return {
    ...inner,
    subscribeToAll: (options) =>
      new Observable<RecordedEvent>((subscriber) => {
        const held: RecordedEvent[] = [];
        const flush = () => {
          while (opened && held.length > 0) subscriber.next(held.shift()!);
        };
        flushes.add(flush);
        const subscription = inner.subscribeToAll(options).subscribe({
          next(event) {
            held.push(event);
            flush();
          },
          error: (error) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
        return () => {
          flushes.delete(flush);
          subscription.unsubscribe();
        };
      }),
    open() {
      opened = true;
      for (const flush of flushes) flush();
    },
    shut() {
      opened = false;
    },
  };
};

/** Test-only: what a spin guard saw. */
export interface SpinReport {
  /** The most store calls seen between two macrotasks. */
  readonly most: number;
  /** True once a run of calls passed the limit and the guard parked the caller. */
  readonly tripped: boolean;
}

/**
 * Test-only: wraps a read-model store so a caller that keeps calling it without ever yielding to macrotasks (a loop
 * spinning on microtasks, which starves timers and I/O, vitest's own timeout included) is parked on a promise that
 * never settles once it passes `limit` calls, so the test's own timers run and can report it instead of hanging.
 */
export const spinGuard = (
  inner: ReadModelStore,
  limit = 2000,
): { readonly readModels: ReadModelStore; report(): SpinReport; stop(): void } => {
  let calls = 0;
  let most = 0;
  let tripped = false;
  const timer = setInterval(() => {
    calls = 0;
  }, 1);
  const wrapped = Object.fromEntries(
    Object.entries(inner).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls++;
        most = Math.max(most, calls);
        if (calls > limit) {
          tripped = true;
          return new Promise(() => {});
        }
        return (fn as (...args: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as ReadModelStore;
  return {
    readModels: wrapped,
    report: () => ({ most, tripped }),
    stop: () => clearInterval(timer),
  };
};
