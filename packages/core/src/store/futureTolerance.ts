/**
 * How far, by default, an event's `occurredAt` may lead the moment it is recorded: five minutes, room for the clock
 * skew of a till or a phone, and far short of the typo that dates a purchase 2062.
 */
export const defaultFutureToleranceMs = 5 * 60_000;

// appends in one millisecond share a recordedAt, so the bound is worked out once per stamp
let lastRecordedAt = '';
let lastToleranceMs = Number.NaN;
let lastLatest = '';
// past year 9999 ISO text gains a sign and no longer sorts as time
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** The latest `occurredAt` an event recorded at `recordedAt` may carry, `toleranceMs` ahead of it. */
export const latestOccurredAt = (recordedAt: string, toleranceMs: number): string => {
  if (recordedAt !== lastRecordedAt || toleranceMs !== lastToleranceMs) {
    lastLatest = new Date(Math.min(Date.parse(recordedAt) + toleranceMs, LAST_INSTANT_MS)).toISOString();
    lastRecordedAt = recordedAt;
    lastToleranceMs = toleranceMs;
  }
  return lastLatest;
};

/**
 * The time an event moves event time to (a projection's watermark): its `occurredAt`, but never more than
 * `toleranceMs` past its `recordedAt`, so one event dated in the future cannot fire every customer's timers.
 */
export const eventTimeOf = (
  metadata: { readonly occurredAt: string; readonly recordedAt: string },
  toleranceMs: number = defaultFutureToleranceMs,
): string => {
  const { occurredAt, recordedAt } = metadata;
  if (occurredAt <= recordedAt) return occurredAt;
  const latest = latestOccurredAt(recordedAt, toleranceMs);
  // biome-ignore lint/complexity/useMathMinMax: ISO strings, compared as text; Math.min would make NaN of them
  return occurredAt <= latest ? occurredAt : latest;
};
