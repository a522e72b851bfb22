import {
  type AppendOptions,
  type AppendResult,
  assertExpectedRevisionShape,
  assertRepeatedAppend,
  assertStreamId,
  type EventToAppend,
  type ExpectedRevision,
  newEventId,
  type PreparedEvent,
  prepareEvents,
  RapportError,
  type RecordedEvent,
  ValidationError,
} from '@rapport/core';
import type { StoreContext } from './context';
import { idempotencyMarkOf, toWireEvent } from './envelope';
import type { StoredRecord, WireEvent } from './gateway';
import { findKeyedAppend, idempotentEventId, readBatch, resultOf } from './idempotency';

/** One stream's append, ready to write, or already answered because its idempotency key was seen. */
export type AppendPlan =
  | { readonly kind: 'duplicate'; readonly result: AppendResult }
  | {
      readonly kind: 'write';
      readonly streamId: string;
      readonly expected: ExpectedRevision;
      readonly wire: readonly WireEvent[];
      /** Set for keyed appends: tells our write apart from a racing attempt's, whose events must be ours. */
      readonly attempt?: {
        readonly id: string;
        readonly key: string;
        readonly events: readonly EventToAppend[];
        readonly prepared: readonly PreparedEvent[];
      };
    };

/** The checks the in-memory store makes before anything else, in the same order. */
export const checkAppendShape = (streamId: string, events: unknown, expected: unknown): void => {
  assertStreamId(streamId);
  assertExpectedRevisionShape(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError([{ path: 'events', rule: 'must be a non-empty array of events' }]);
  }
};

/** The answer to an append whose key recorded `records`: the earlier result, when the events are the same. */
const repeatOf = (
  context: StoreContext,
  streamId: string,
  key: string,
  records: readonly StoredRecord[],
  events: readonly EventToAppend[],
  prepared: readonly PreparedEvent[],
): AppendResult => {
  const result = resultOf(context, streamId, records, true);
  const { registry } = context.config;
  assertRepeatedAppend({
    streamId,
    idempotencyKey: key,
    recorded: result.events,
    events,
    prepared,
    ...(registry ? { lift: (event: RecordedEvent) => registry.upcast(event) } : {}),
  });
  return result;
};

/**
 * Plans an append: validated events (checked before the key and the expected revision, as the in-memory store
 * does); then a duplicate when the first event's idempotency key is already on the stream and the events are the
 * ones it recorded (other events are refused); otherwise events with deterministic ids when keyed, the first one
 * marked with the batch size and this attempt's id.
 */
export const planAppend = async (
  context: StoreContext,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  now: Date,
): Promise<AppendPlan> => {
  checkAppendShape(streamId, events, expected);
  const { registry, tenantId, futureToleranceMs } = context.config;
  const prepared = prepareEvents(streamId, events, {
    registry,
    now,
    tenantId,
    ...(futureToleranceMs === undefined ? {} : { futureToleranceMs }),
  });
  const key = prepared[0]?.metadata.idempotencyKey;
  if (key !== undefined) {
    const prior = await findKeyedAppend(context, streamId, key);
    if (prior !== undefined && prior.length > 0) {
      return { kind: 'duplicate', result: repeatOf(context, streamId, key, prior, events, prepared) };
    }
  }
  if (key === undefined) {
    return { kind: 'write', streamId, expected, wire: prepared.map((event) => toWireEvent(event)) };
  }
  const attempt = newEventId();
  const wire = prepared.map((event, index) =>
    toWireEvent(
      events[index]?.id === undefined ? { ...event, id: idempotentEventId(streamId, key, index) } : event,
      index === 0 ? { size: prepared.length, attempt } : undefined,
    ),
  );
  return { kind: 'write', streamId, expected, wire, attempt: { id: attempt, key, events, prepared } };
};

/**
 * Writes a planned append, then reads the written events back: only the server knows their `$all`
 * positions. When a racing attempt with the same key won, the server acknowledged ours without writing it;
 * the attempt id on the stored first event tells, and the result is reported as a duplicate.
 */
export const writeAppend = async (context: StoreContext, plan: AppendPlan): Promise<AppendResult> => {
  if (plan.kind === 'duplicate') return plan.result;
  const { streamId, wire } = plan;
  const outcome = await context.gateway.append(streamId, wire, plan.expected);
  const first = outcome.nextExpectedRevision - BigInt(wire.length - 1);
  const records = await readBatch(context, streamId, first, wire.length);
  if (records.length !== wire.length) {
    throw new RapportError(
      'StoreUnavailable',
      `appended ${wire.length} event(s) to ${streamId} but could read back only ${records.length}`,
      { data: { streamId, nextExpectedRevision: outcome.nextExpectedRevision } },
    );
  }
  const { attempt } = plan;
  if (attempt !== undefined && idempotencyMarkOf(records[0]!)?.attempt !== attempt.id) {
    return repeatOf(context, streamId, attempt.key, records, attempt.events, attempt.prepared);
  }
  return resultOf(context, streamId, records, false);
};

/** Appends to one stream: the expected revision is checked by the server, atomically with the write. */
export const appendToStream = async (
  context: StoreContext,
  streamId: string,
  events: readonly EventToAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> => {
  context.ensureOpen();
  const now = context.config.clock.now();
  return writeAppend(
    context,
    await planAppend(context, streamId, events, options.expectedRevision ?? 'any', now),
  );
};
