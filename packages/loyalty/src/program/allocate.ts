/**
 * Splits `amount` (a non-negative integer) in proportion to `weights` by the largest-remainder method: each
 * part is the floor of its exact share, and the units left over go one each to the largest remainders
 * (ties: the earlier index). The parts sum to `amount` exactly. All weights zero: the split is by count.
 */
export const allocate = (amount: number, weights: readonly number[]): number[] => {
  if (weights.length === 0) return [];
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  const ws = total === 0n ? weights.map(() => 1n) : weights.map((w) => BigInt(w));
  const sum = total === 0n ? BigInt(weights.length) : total;
  const whole = BigInt(amount);
  const parts = ws.map((w) => (whole * w) / sum);
  let left = Number(whole - parts.reduce((a, b) => a + b, 0n));
  const order = ws
    .map((w, index) => ({ index, remainder: (whole * w) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0) break;
    parts[index]! += 1n;
    left -= 1;
  }
  return parts.map(Number);
};
