/** A deterministic sort key for any JSON value: ties in time are broken by content, so folding order never matters. */
export const contentKey = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

/**
 * True when a write of `value` at `at` beats the current value written at `currentAt`: the later write wins, and
 * on equal times the larger content wins. This makes every register a last-writer-wins register that gives the
 * same answer whatever order its writes arrive in.
 */
export const beats = (at: number, value: unknown, currentAt: number | undefined, current: unknown): boolean =>
  currentAt === undefined || at > currentAt || (at === currentAt && contentKey(value) > contentKey(current));

/** Inserts `at` into a newest-first list of times, keeping at most `limit`; returns the list itself when `at` does not fit. */
export const insertTime = (
  list: readonly number[] | undefined,
  at: number,
  limit: number,
): readonly number[] => {
  if (list === undefined || list.length === 0) return [at];
  const size = list.length < limit ? list.length + 1 : limit;
  if (list.length >= limit && at <= list[list.length - 1]!) return list;
  const out = new Array<number>(size);
  let from = 0;
  let placed = false;
  for (let to = 0; to < size; to++) {
    if (!placed && (from >= list.length || at >= list[from]!)) {
      out[to] = at;
      placed = true;
    } else out[to] = list[from++]!;
  }
  return out;
};

/** Merges two newest-first lists of times, keeping at most `limit`. */
export const mergeTimes = (
  a: readonly number[] | undefined,
  b: readonly number[] | undefined,
  limit: number,
): readonly number[] | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [...a, ...b].sort((x, y) => y - x).slice(0, limit);
};

/** Orders entries newest first by `timeOf`, breaking ties by content (larger first). */
const newerFirst =
  <T>(timeOf: (entry: T) => number) =>
  (x: T, y: T): number => {
    const dt = timeOf(y) - timeOf(x);
    if (dt !== 0) return dt;
    const kx = contentKey(x);
    const ky = contentKey(y);
    return kx === ky ? 0 : kx > ky ? -1 : 1;
  };

/** Inserts `entry` into a newest-first list (ties broken by content), keeping at most `limit` entries. */
export const insertNewest = <T>(
  list: readonly T[] | undefined,
  entry: T,
  timeOf: (entry: T) => number,
  limit: number,
): readonly T[] => {
  if (list === undefined || list.length === 0) return [entry];
  const compare = newerFirst(timeOf);
  let index = 0;
  while (index < list.length && compare(list[index]!, entry) <= 0) index++;
  if (index >= limit) return list;
  const out = [...list.slice(0, index), entry, ...list.slice(index)];
  return out.length > limit ? out.slice(0, limit) : out;
};

/** Merges two newest-first lists (ties broken by content), keeping at most `limit` entries. */
export const mergeNewest = <T>(
  a: readonly T[] | undefined,
  b: readonly T[] | undefined,
  timeOf: (entry: T) => number,
  limit: number,
): readonly T[] | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [...a, ...b].sort(newerFirst(timeOf)).slice(0, limit);
};

/** The smaller of two optional times. */
export const minTime = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/** The larger of two optional times. */
export const maxTime = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);
