import { RapportError } from '@rapport/core';
import { formatIso, parseIso } from './isoTime';

/** Normalises a date or date string to the ISO-8601 UTC form the store uses, so times compare as strings; `what` names it in errors. */
export const toIso = (value: Date | string, what: string | (() => string)): string => {
  const ms = value instanceof Date ? value.getTime() : parseIso(value);
  if (Number.isNaN(ms)) {
    throw new RapportError(
      'Validation',
      `${typeof what === 'string' ? what : what()}: must be a valid date (got ${String(value)})`,
      {
        data: { value: String(value) },
      },
    );
  }
  return formatIso(ms);
};

/** The later of two ISO times; undefined counts as "no time yet". */
export const maxIso = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);
