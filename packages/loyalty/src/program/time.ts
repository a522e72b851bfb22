import { renderValue, ValidationError } from '@rapport/core';

/** A point in time as an ISO-8601 string with `Z` or an offset, e.g. `2026-01-31T09:30:00Z`. */
export type Instant = string;

export const dayMs = 86_400_000;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads an instant given to a function as epoch ms, or throws a `ValidationError` naming `path`. */
export const epochOf = (value: Instant, path: string): number => {
  const ms = typeof value === 'string' && ISO.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new ValidationError([
      { path, rule: 'must be an ISO-8601 date-time, e.g. 2026-01-31T09:30:00Z', got: renderValue(value) },
    ]);
  return ms;
};

/** Epoch ms as an ISO string in UTC. */
export const isoOf = (ms: number): Instant => new Date(ms).toISOString();

/** The first instant of the calendar month (UTC) `months` after the month holding `ms`. */
export const startOfMonth = (ms: number, months = 0): number => {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
};

/** The first instant of the calendar year (UTC) `years` after the year holding `ms`. */
export const startOfYear = (ms: number, years = 0): number =>
  Date.UTC(new Date(ms).getUTCFullYear() + years, 0, 1);

/** The first instant of the calendar day (UTC) holding `ms`. */
export const startOfDay = (ms: number): number => ms - (((ms % dayMs) + dayMs) % dayMs);

/** True when `ms` lies in `[validFrom, validUntil)`; a missing bound is open. */
export const isWithin = (
  ms: number,
  window: { readonly validFrom?: Instant | undefined; readonly validUntil?: Instant | undefined },
) =>
  (window.validFrom === undefined || Date.parse(window.validFrom) <= ms) &&
  (window.validUntil === undefined || ms < Date.parse(window.validUntil));
