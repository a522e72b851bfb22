import { RapportError } from '@rapport/core';

/** Normalises a date or date string to the ISO-8601 UTC form the store uses, so times compare as strings. */
export const toIso = (value: Date | string, what: string): string => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RapportError('Validation', `${what}: must be a valid date (got ${String(value)})`, {
      data: { value: String(value) },
    });
  }
  return date.toISOString();
};

/** The later of two ISO times; undefined counts as "no time yet". */
export const maxIso = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);
