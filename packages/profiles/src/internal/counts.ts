import { ownValue, setOwn } from '@rapport/core';

/** A map of counters (keys are own properties: read them with `Object.entries` or `Object.hasOwn`). */
export type Counts<TKey extends string = string> = Readonly<Partial<Record<TKey, number>>>;

/** Adds `by` to one counter, copying the map. */
export const bump = <TKey extends string>(
  counts: Counts<TKey> | undefined,
  key: TKey,
  by = 1,
): Counts<TKey> => ({ ...counts, [key]: (ownValue<number>(counts, key) ?? 0) + by }) as Counts<TKey>;

/** Adds two maps of counters. */
export const addCounts = <TKey extends string>(
  a: Counts<TKey> | undefined,
  b: Counts<TKey> | undefined,
): Counts<TKey> | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: Partial<Record<string, number>> = { ...a };
  for (const [key, value] of Object.entries(b) as [TKey, number][])
    setOwn(out, key, (ownValue(out, key) ?? 0) + value);
  return out as Counts<TKey>;
};

/** Adds two optional numbers, staying undefined when both are. */
export const addOptional = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : a + b;

/** An integer ratio rounded half up, exactly (no float drift on large minor-unit sums); undefined when `divisor` is 0. */
export const roundedQuotient = (dividend: number, divisor: number): number | undefined => {
  if (divisor === 0) return undefined;
  let quotient = Math.floor(dividend / divisor);
  let remainder = dividend - quotient * divisor;
  // correct a float estimate that landed one off either way
  while (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  }
  while (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  return 2 * remainder >= divisor ? quotient + 1 : quotient;
};
