import type { StoredTimer } from '../../readModel/readModelStore';
import type { TimerCursor } from './timerOrder';
import { createTimerQueue } from './timerQueue';

/** A collection's stored timers, indexed for "due at or before T" queries in firing order. */
export interface TimerIndex {
  put(timer: StoredTimer): void;
  delete(key: string, name: string): void;
  clear(key: string): void;
  due(upTo: string, after: TimerCursor | undefined, limit: number): StoredTimer[];
  all(): StoredTimer[];
}

/** Creates an empty timer index. */
export const createTimerIndex = (): TimerIndex => {
  const queue = createTimerQueue();
  return {
    put: (timer) => queue.set(timer),
    delete: (key, name) => queue.remove(key, name),
    clear: (key) => {
      queue.clear(key);
    },
    due: (upTo, after, limit) => queue.due(upTo, after, limit),
    all: () => queue.all(),
  };
};
