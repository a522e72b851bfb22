import type { StoredTimer } from '../readModel/readModelStore';
import { createTimerHeap } from './timerHeap';
import { compareTimers, type TimerCursor } from './timerOrder';

/** A collection's stored timers, indexed for "due at or before T" queries in firing order. */
export interface TimerIndex {
  put(timer: StoredTimer): void;
  delete(key: string, name: string): void;
  clear(key: string): void;
  due(upTo: string, after: TimerCursor | undefined, limit: number): StoredTimer[];
  all(): StoredTimer[];
}

const idOf = (key: string, name: string) => `${key}\u0000${name}`;

/** Creates an empty timer index. */
export const createTimerIndex = (): TimerIndex => {
  const byId = new Map<string, StoredTimer>();
  const byDoc = new Map<string, Set<string>>();
  const heap = createTimerHeap<StoredTimer>();
  const live = (timer: StoredTimer) => byId.get(idOf(timer.key, timer.name)) === timer;
  return {
    put(timer) {
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
        for (const each of byId.values()) heap.push(each);
      }
    },
    delete(key, name) {
      byId.delete(idOf(key, name));
      byDoc.get(key)?.delete(name);
    },
    clear(key) {
      for (const name of byDoc.get(key) ?? []) byId.delete(idOf(key, name));
      byDoc.delete(key);
    },
    due(upTo, after, limit) {
      const popped: StoredTimer[] = [];
      const out: StoredTimer[] = [];
      while (out.length < limit) {
        const top = heap.peek();
        if (top === undefined || top.at > upTo) break;
        heap.pop();
        if (!live(top)) continue;
        popped.push(top);
        if (after === undefined || compareTimers(top, after) > 0) out.push(top);
      }
      for (const timer of popped) heap.push(timer);
      return out;
    },
    all: () => [...byId.values()].sort(compareTimers),
  };
};
