import { compareTimers, type TimerCursor } from './timerOrder';

/** A binary min-heap of timers in firing order; stale entries are skipped by the caller. */
export interface TimerHeap<T extends TimerCursor> {
  push(entry: T): void;
  peek(): T | undefined;
  pop(): T | undefined;
  readonly size: number;
  clear(): void;
}

/** Creates an empty timer heap. */
export const createTimerHeap = <T extends TimerCursor>(): TimerHeap<T> => {
  let items: T[] = [];
  const swap = (i: number, j: number) => {
    const a = items[i]!;
    items[i] = items[j]!;
    items[j] = a;
  };
  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareTimers(items[i]!, items[parent]!) >= 0) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && compareTimers(items[left]!, items[least]!) < 0) least = left;
      if (right < items.length && compareTimers(items[right]!, items[least]!) < 0) least = right;
      if (least === i) return;
      swap(i, least);
      i = least;
    }
  };
  return {
    push(entry) {
      items.push(entry);
      up(items.length - 1);
    },
    peek: () => items[0],
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        down(0);
      }
      return top;
    },
    get size() {
      return items.length;
    },
    clear() {
      items = [];
    },
  };
};
