import type { StoredTimer, TimerChange } from '../readModel/readModelStore';
import { createTimerHeap } from './timerHeap';
import { compareTimers, type TimerCursor } from './timerOrder';

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

const idOf = (key: string, name: string) => `${key}\u0000${name}`;

/** Creates an empty timer set; `track` false skips change tracking (the pure fold). */
export const createTimerSet = (track: boolean): TimerSet => {
  const byId = new Map<string, StoredTimer>();
  const byDoc = new Map<string, Set<string>>();
  const heap = createTimerHeap<StoredTimer>();
  const changes = new Map<string, TimerChange>();
  const cleared = new Set<string>();

  const add = (timer: StoredTimer) => {
    byId.set(idOf(timer.key, timer.name), timer);
    let names = byDoc.get(timer.key);
    if (names === undefined) {
      names = new Set();
      byDoc.set(timer.key, names);
    }
    names.add(timer.name);
    heap.push(timer);
    if (heap.size > 2 * byId.size + 1024) {
      heap.clear();
      for (const live of byId.values()) heap.push(live);
    }
  };
  const remove = (key: string, name: string) => {
    byId.delete(idOf(key, name));
    byDoc.get(key)?.delete(name);
  };

  return {
    load(timers) {
      for (const timer of timers) if (!byId.has(idOf(timer.key, timer.name))) add(timer);
    },
    schedule(timer) {
      add(timer);
      if (track) changes.set(idOf(timer.key, timer.name), { kind: 'put', timer });
    },
    cancel(key, name) {
      remove(key, name);
      if (track) changes.set(idOf(key, name), { kind: 'delete', key, name });
    },
    clear(key) {
      const names = byDoc.get(key);
      if (names !== undefined) {
        for (const name of names) {
          byId.delete(idOf(key, name));
          if (track) changes.delete(idOf(key, name));
        }
        byDoc.delete(key);
      }
      if (track) cleared.add(key);
    },
    nextDue(upTo, bound) {
      for (;;) {
        const top = heap.peek();
        if (top === undefined || top.at > upTo) return undefined;
        if (byId.get(idOf(top.key, top.name)) !== top) {
          heap.pop();
          continue;
        }
        return bound !== undefined && compareTimers(top, bound) > 0 ? undefined : top;
      }
    },
    pending: () => [...byId.values()].sort(compareTimers),
    collect() {
      const out: TimerChange[] = [];
      for (const key of cleared) out.push({ kind: 'clear', key });
      for (const change of changes.values()) out.push(change);
      cleared.clear();
      changes.clear();
      return out;
    },
    reset() {
      byId.clear();
      byDoc.clear();
      heap.clear();
      changes.clear();
      cleared.clear();
    },
  };
};
