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

/**
 * One stream's append, checked in the in-memory store's order: the stream id, the expected revision and the
 * batch shape fail at once; a bad event fails only after the idempotency key was looked up (a duplicate wins),
 * so such an error is kept in `invalid` for the caller to raise once it knows.
 */
export type PlannedAppend =
  | {
      readonly streamId: string;
      readonly expected: ExpectedRevision;
      readonly key: string | undefined;
      readonly prepared: readonly PreparedEvent[];
      readonly invalid?: undefined;
    }
  | {
      readonly streamId: string;
      readonly expected: ExpectedRevision;
      readonly key: string | undefined;
      readonly prepared?: undefined;
      readonly invalid: unknown;
    };

/** Plans an append; throws what must be thrown before the store is asked anything. */
export const planAppend = (
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  context: PrepareContext,
): PlannedAppend => {
  assertStreamId(streamId);
  assertExpectedRevisionShape(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError([{ path: 'events', rule: 'must be a non-empty array of events' }]);
  }
  const rawKey = events[0]?.metadata?.idempotencyKey;
  const key = rawKey === undefined ? undefined : String(rawKey);
  try {
    return { streamId, expected, key, prepared: prepareEvents(streamId, events, context) };
  } catch (invalid) {
    return { streamId, expected, key, invalid };
  }
};

/** `expectedRevision` as the append functions take it. */
export const expectedText = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;
