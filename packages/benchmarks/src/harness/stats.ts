/** The median of some numbers (the mean of the middle two for an even count). */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The `p`-th percentile (0–100) by nearest rank. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
};

/** Wall-clock milliseconds of one call. */
export const timeMs = async (run: () => unknown): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

/**
 * Items per second of `run` (which handles `count` items from scratch each time), repeated until at least `minMs`
 * have passed: a job that takes a fraction of a second is measured over a second or more, so one collector pause
 * does not decide a round.
 */
export const sustainedRate = async (count: number, minMs: number, run: () => unknown): Promise<number> => {
  let ms = 0;
  let repetitions = 0;
  do {
    ms += await timeMs(run);
    repetitions++;
  } while (ms < minMs);
  return perSecond(count * repetitions, ms);
};

/** Items per second, from a count and milliseconds. */
export const perSecond = (count: number, ms: number): number => (count / ms) * 1000;

/**
 * Runs `rounds` rounds of the named contenders back to back (in rotating order, so none always goes first),
 * collecting what each returns; returns the medians by name. `before`, when given, runs before each contender,
 * untimed: in-memory workloads pass a full collection, so no contender pays for the garbage another one left.
 */
export const interleave = async <TName extends string>(
  rounds: number,
  contenders: Readonly<Record<TName, (round: number) => Promise<number> | number>>,
  before?: () => void,
): Promise<Record<TName, number>> => {
  const names = Object.keys(contenders) as TName[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<TName, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      before?.();
      samples[name].push(await contenders[name](round));
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<TName, number>;
};

/** Runs `count` tasks with `workers` concurrent loops. */
export const inParallel = async (
  workers: number,
  count: number,
  work: (index: number) => Promise<unknown>,
): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let index = next++; index < count; index = next++) await work(index);
    }),
  );
};

/**
 * CPU milliseconds this process spent on one call (user and system, every thread). Used for CPU-bound in-memory
 * workloads: on a shared machine other processes stretch wall time but not the work done.
 */
export const cpuMs = async (run: () => unknown): Promise<number> => {
  const began = process.cpuUsage();
  await run();
  const used = process.cpuUsage(began);
  return (used.user + used.system) / 1000;
};
