/** A point in the (at, key, name) order timers fire in. */
export interface TimerCursor {
  readonly at: string;
  readonly key: string;
  readonly name: string;
}

/** Compares two timers by (at, key, name): the order they fire in. */
export const compareTimers = (a: TimerCursor, b: TimerCursor): number => {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
};
