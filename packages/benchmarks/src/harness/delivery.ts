/** What a reader saw against what was written: events never delivered, and deliveries beyond the first. */
export interface DeliveryCount {
  readonly written: number;
  readonly skipped: number;
  readonly repeated: number;
}

/** Counts skipped and repeated deliveries; events are named `stream/position`. */
export const countDelivery = (written: Iterable<string>, delivered: Iterable<string>): DeliveryCount => {
  const seen = new Map<string, number>();
  for (const name of delivered) seen.set(name, (seen.get(name) ?? 0) + 1);
  let total = 0;
  let skipped = 0;
  let repeated = 0;
  for (const name of written) {
    total++;
    const times = seen.get(name) ?? 0;
    if (times === 0) skipped++;
    else repeated += times - 1;
    seen.delete(name);
  }
  for (const times of seen.values()) repeated += times; // delivered but never written: count as repeats
  return { written: total, skipped, repeated };
};

/** Resolves once `read()` reaches `target` or stops changing for `quietMs` (or `timeoutMs` passes). */
export const settle = async (read: () => number, target: number, quietMs: number, timeoutMs: number) => {
  const started = performance.now();
  let last = read();
  let changedAt = performance.now();
  while (
    last < target &&
    performance.now() - changedAt < quietMs &&
    performance.now() - started < timeoutMs
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = read();
    if (now !== last) {
      last = now;
      changedAt = performance.now();
    }
  }
};
