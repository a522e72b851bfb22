/**
 * The wait before retry number `attempt` (1 after the first failure): a random time in [d/2, d] with
 * d = min(maxMs, initialMs × 2^(attempt-1)). Half the delay is kept so retries of one effect never bunch up at zero,
 * and the other half is spread so many effects failing together (an outage) do not come back together.
 */
export const backoffMs = (
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number,
): number => {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 52));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};
