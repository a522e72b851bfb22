/** Events per second over a sliding window of recent batches, on the monotonic clock. */
export interface Throughput {
  record(events: number): void;
  perSecond(): number;
  reset(): void;
}

/** Creates a throughput meter over the last `windowMs` milliseconds. */
export const createThroughput = (
  windowMs = 5_000,
  now: () => number = () => performance.now(),
): Throughput => {
  let samples: { readonly at: number; readonly events: number }[] = [];
  let since = now();
  return {
    record(events) {
      const at = now();
      samples.push({ at, events });
      samples = samples.filter((sample) => sample.at >= at - windowMs);
    },
    perSecond() {
      const at = now();
      const recent = samples.filter((sample) => sample.at >= at - windowMs);
      const total = recent.reduce((sum, sample) => sum + sample.events, 0);
      const elapsed = at - Math.max(since, at - windowMs);
      return elapsed > 0 ? (total * 1000) / elapsed : 0;
    },
    reset() {
      samples = [];
      since = now();
    },
  };
};
