import {
  assertExpectedRevisionShape,
  assertStreamId,
  type EventToAppend,
  type ExpectedRevision,
  type PrepareContext,
  type PreparedEvent,
  prepareEvents,
  ValidationError,
} from '@rapport/core';

/** One stream's append whose shape was checked; its events are not validated yet. */
export interface CheckedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  /** The idempotency key of the first event, as the in-memory store reads it. */
  readonly key: string | undefined;
  readonly events: readonly EventToAppend[];
}

/**
 * A checked append with its events validated: `prepared`, or the validation error in `invalid`, kept for a bulk
 * append to raise in call order (an earlier stream's conflict or reused key wins, as in the in-memory store).
 */
export type PlannedAppend = CheckedAppend &
  (
    | { readonly prepared: readonly PreparedEvent[]; readonly invalid?: undefined }
    | { readonly prepared?: undefined; readonly invalid: unknown }
  );

/** Throws what the in-memory store throws before it looks at the stream: stream id, expected revision, shape. */
export const checkAppend = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): CheckedAppend => {
  assertStreamId(streamId);
  assertExpectedRevisionShape(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError([{ path: 'events', rule: 'must be a non-empty array of events' }]);
  }
  const rawKey = events[0]?.metadata?.idempotencyKey;
  return { streamId, expected, key: rawKey === undefined ? undefined : String(rawKey), events };
};

/** Validates and stamps a checked append's events, keeping a validation error instead of throwing it. */
export const preparePlanned = (checked: CheckedAppend, context: PrepareContext): PlannedAppend => {
  try {
    return { ...checked, prepared: prepareEvents(checked.streamId, checked.events, context) };
  } catch (invalid) {
    return { ...checked, invalid };
  }
};

/** Checks and prepares one append. */
export const planAppend = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  context: PrepareContext,
): PlannedAppend => preparePlanned(checkAppend(streamId, events, expected), context);

/** `expectedRevision` as the append functions take it. */
export const expectedText = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;
