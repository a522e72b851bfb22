import type { StoredTimer, TimerChange } from '../../readModel/readModelStore';
import type { TimerCursor } from './timerOrder';
import { createTimerQueue, type TimerEntry } from './timerQueue';

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

/**
 * Creates an empty timer set; `track` false skips change tracking (the pure fold). A scheduled timer's queue entry is
 * marked with the collect round instead of being copied into a change map, so rescheduling costs no extra lookup.
 */
export const createTimerSet = (track: boolean): TimerSet => {
  const queue = createTimerQueue();
  let round = 1;
  let scheduled: TimerEntry[] = [];
  const deleted = new Map<string, TimerChange>();
  const cleared = new Set<string>();

  return {
    load(timers) {
      for (const timer of timers) if (!queue.has(timer.key, timer.name)) queue.set(timer);
    },
    schedule(timer) {
      const entry = queue.set(timer);
      if (track && entry.round !== round) {
        entry.round = round;
        scheduled.push(entry);
      }
    },
    cancel(key, name) {
      queue.remove(key, name);
      if (track) deleted.set(`${key}\u0000${name}`, { kind: 'delete', key, name });
    },
    clear(key) {
      queue.clear(key);
      if (track) cleared.add(key);
    },
    nextDue: (upTo, bound) => queue.peekDue(upTo, bound),
    pending: () => queue.all(),
    collect() {
      // removals first, then the timers still live: a timer scheduled after its removal was re-added as a new entry
      const out: TimerChange[] = [];
      for (const key of cleared) out.push({ kind: 'clear', key });
      for (const change of deleted.values()) out.push(change);
      for (const entry of scheduled) if (queue.live(entry)) out.push({ kind: 'put', timer: entry.timer });
      cleared.clear();
      deleted.clear();
      scheduled = [];
      round++;
      return out;
    },
    reset() {
      queue.reset();
      deleted.clear();
      cleared.clear();
      scheduled = [];
      round++;
    },
  };
};
