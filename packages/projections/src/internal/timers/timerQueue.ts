import type { StoredTimer } from '../../readModel/readModelStore';
import { createTimerHeap } from './timerHeap';
import { compareTimers, type TimerCursor } from './timerOrder';

/** A live timer's place in a queue: it outlives reschedules, so a caller can mark it (e.g. dirty for a commit). */
export interface TimerEntry {
  timer: StoredTimer;
  /** The earliest time a heap entry will wake this timer up; moving the timer later needs no new heap entry. */
  hint: string;
  /** Free for the caller: the timer set keeps its collect round here. */
  round: number;
}

/** Live timers by (key, name), in firing order. */
export interface TimerQueue {
  /** Adds or replaces the timer of its (key, name); returns its entry. */
  set(timer: StoredTimer): TimerEntry;
  /** True while the entry is the one its (key, name) holds (not removed, cleared or replaced by a new entry). */
  live(entry: TimerEntry): boolean;
  has(key: string, name: string): boolean;
  remove(key: string, name: string): void;
  /** Removes every timer of a document; returns their names. */
  clear(key: string): Iterable<string>;
  /** The first live timer at or before `upTo` (and not after `bound`), without removing it. */
  peekDue(upTo: string, bound?: TimerCursor): StoredTimer | undefined;
  /** Live timers at or before `upTo`, after `after`, in firing order, at most `limit`; nothing is removed. */
  due(upTo: string, after: TimerCursor | undefined, limit: number): StoredTimer[];
  all(): StoredTimer[];
  reset(): void;
}

/**
 * Creates a timer queue. Heap entries are wake-up hints: rescheduling a timer later (the common "inactive in 90 days"
 * pattern) only updates its entry, and a hint that surfaces before its timer's time re-queues the live timer.
 */
export const createTimerQueue = (): TimerQueue => {
  const byDoc = new Map<string, Map<string, TimerEntry>>();
  const heap = createTimerHeap<StoredTimer>();
  let size = 0;
  const entryOf = (key: string, name: string) => byDoc.get(key)?.get(name);

  const compact = () => {
    if (heap.size <= 2 * size + 1024) return;
    heap.clear();
    for (const names of byDoc.values()) {
      for (const entry of names.values()) {
        entry.hint = entry.timer.at;
        heap.push(entry.timer);
      }
    }
  };

  /** Drops or re-queues hints on top until the top is a live timer; returns it if due by `upTo`. */
  const settleTop = (upTo: string): StoredTimer | undefined => {
    for (;;) {
      const top = heap.peek();
      if (top === undefined || top.at > upTo) return undefined;
      const entry = entryOf(top.key, top.name);
      if (entry?.timer === top) return top;
      heap.pop();
      // only the entry's earliest hint re-queues it; later stale hints just go (the timer may be out for a `due` scan)
      if (entry !== undefined && entry.hint === top.at) {
        entry.hint = entry.timer.at;
        heap.push(entry.timer);
      }
    }
  };

  return {
    set(timer) {
      let names = byDoc.get(timer.key);
      if (names === undefined) {
        names = new Map();
        byDoc.set(timer.key, names);
      }
      let entry = names.get(timer.name);
      if (entry === undefined) {
        entry = { timer, hint: timer.at, round: 0 };
        names.set(timer.name, entry);
        size++;
        heap.push(timer);
      } else if (entry.hint <= timer.at) {
        entry.timer = timer;
      } else {
        entry.timer = timer;
        entry.hint = timer.at;
        heap.push(timer);
      }
      compact();
      return entry;
    },
    live: (entry) => entryOf(entry.timer.key, entry.timer.name) === entry,
    has: (key, name) => entryOf(key, name) !== undefined,
    remove(key, name) {
      const names = byDoc.get(key);
      if (names?.delete(name)) size--;
    },
    clear(key) {
      const names = byDoc.get(key);
      if (names === undefined) return [];
      byDoc.delete(key);
      size -= names.size;
      return names.keys();
    },
    peekDue(upTo, bound) {
      const top = settleTop(upTo);
      return top !== undefined && bound !== undefined && compareTimers(top, bound) > 0 ? undefined : top;
    },
    due(upTo, after, limit) {
      const popped: StoredTimer[] = [];
      const out: StoredTimer[] = [];
      const seen = new Set<StoredTimer>();
      while (out.length < limit) {
        const top = settleTop(upTo);
        if (top === undefined) break;
        heap.pop();
        if (seen.has(top)) continue;
        seen.add(top);
        popped.push(top);
        if (after === undefined || compareTimers(top, after) > 0) out.push(top);
      }
      for (const timer of popped) heap.push(timer);
      return out;
    },
    all() {
      const out: StoredTimer[] = [];
      for (const names of byDoc.values()) for (const entry of names.values()) out.push(entry.timer);
      return out.sort(compareTimers);
    },
    reset() {
      byDoc.clear();
      heap.clear();
      size = 0;
    },
  };
};
