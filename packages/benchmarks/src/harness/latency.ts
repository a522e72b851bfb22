import { percentile } from './stats';

/** p50 and p99 of some latencies, in milliseconds. */
export interface Latencies {
  readonly p50: number;
  readonly p99: number;
}

/**
 * Times `count` round trips one after another (each starts when the previous one ended): `trip(i)` appends the
 * `i`-th event and resolves once the reader has it. The first tenth warms up and is not counted.
 */
export const measureTrips = async (
  count: number,
  trip: (index: number) => Promise<void>,
): Promise<Latencies> => {
  const warmUp = Math.ceil(count / 10);
  const samples: number[] = [];
  for (let index = 0; index < count + warmUp; index++) {
    const started = performance.now();
    await trip(index);
    if (index >= warmUp) samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
};

/** Resolves waiters by position: `wait(p)` resolves once `reached(q)` was called with some `q >= p`. */
export const createPositionWaiter = () => {
  let reachedSoFar = 0n;
  const waiting: { position: bigint; resolve: () => void }[] = [];
  return {
    wait: (position: bigint): Promise<void> =>
      position <= reachedSoFar
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ position, resolve })),
    reached: (position: bigint): void => {
      if (position > reachedSoFar) reachedSoFar = position;
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i]!.position <= reachedSoFar) waiting.splice(i, 1)[0]!.resolve();
      }
    },
  };
};
