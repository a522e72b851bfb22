import type { StoredTimer, TimerChange } from '../readModel/readModelStore';
import type { TimerCursor } from './timerOrder';
import { createTimerQueue } from './timerQueue';

/** The timers an engine knows of, in firing order, with the changes made to them since the last collect. */
export interface TimerSet {
  /** Adds timers read from the store (not recorded as changes). */
  load(timers: readonly StoredTimer[]): void;
  schedule(timer: StoredTimer): void;
  cancel(key: string, name: string): void;
  /** Removes every timer of a document, stored or not. */
  clear(key: string): void;
  /** The next timer at or before `upTo` (and not after `bound`), without removing it. */
  nextDue(upTo: string, bound: TimerCursor | undefined): StoredTimer | undefined;
  /** Every live timer, in firing order. */
  pending(): StoredTimer[];
  /** The changes since the last collect, in the order a store must apply them. */
  collect(): TimerChange[];
  /** Forgets everything (a new batch). */
  reset(): void;
}

/** Creates an empty timer set; `track` false skips change tracking (the pure fold). */
export const createTimerSet = (track: boolean): TimerSet => {
  const queue = createTimerQueue();
  const changes = new Map<string, Map<string, TimerChange>>();
  const cleared = new Set<string>();
  const change = (key: string, name: string, value: TimerChange) => {
    let names = changes.get(key);
    if (names === undefined) {
      names = new Map();
      changes.set(key, names);
    }
    names.set(name, value);
  };

  return {
    load(timers) {
      for (const timer of timers) if (!queue.has(timer.key, timer.name)) queue.set(timer);
    },
    schedule(timer) {
      queue.set(timer);
      if (track) change(timer.key, timer.name, { kind: 'put', timer });
    },
    cancel(key, name) {
      queue.remove(key, name);
      if (track) change(key, name, { kind: 'delete', key, name });
    },
    clear(key) {
      queue.clear(key);
      if (track) {
        changes.delete(key);
        cleared.add(key);
      }
    },
    nextDue: (upTo, bound) => queue.peekDue(upTo, bound),
    pending: () => queue.all(),
    collect() {
      const out: TimerChange[] = [];
      for (const key of cleared) out.push({ kind: 'clear', key });
      for (const names of changes.values()) for (const value of names.values()) out.push(value);
      cleared.clear();
      changes.clear();
      return out;
    },
    reset() {
      queue.reset();
      changes.clear();
      cleared.clear();
    },
  };
};
