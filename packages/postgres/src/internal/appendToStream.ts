import {
  type AppendOptions,
  type AppendResult,
  appendResultOf,
  assertRepeatedAppend,
  concurrencyConflict,
  describeRevision,
  type EventToAppend,
  RapportError,
  ValidationError,
} from '@rapport/core';
import { serverError } from './database';
import { columnParams, emptyColumns, pushColumns } from './eventColumns';
import { type EventRow, eventFromRow, recordPrepared } from './eventRows';
import { expectedText, planAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** What the append functions return: `outcome,revision,first_position,duplicate_size`, e.g. `0,4,17,`. */
interface AppendRow {
  readonly result: string;
}

const WRITTEN = '0';
const CONFLICT = '1';

/** The outcome and, when not NULL (empty), the stream revision and first position of an append's answer. */
const parseAppendResult = (
  answer: string,
): { outcome: string | undefined; revision: bigint | undefined; first: bigint } => {
  const [outcome, revision, first] = answer.split(',', 3);
  return {
    outcome,
    revision: revision ? BigInt(revision) : undefined,
    first: first ? BigInt(first) : 0n,
  };
};

/** The result of the earlier append that carried `key` first on `streamId`, if there was one. */
export const findDuplicate = async (
  context: StoreContext,
  streamId: string,
  key: string,
): Promise<AppendResult | undefined> => {
  const rows = await context.db.query<EventRow>(context.statements.findDuplicate, [
    context.tenant,
    encodeText(streamId),
    encodeText(key),
  ]);
  return rows.length === 0 ? undefined : appendResultOf(streamId, rows.map(eventFromRow), true);
};

/** Maps a unique violation on the event id to a validation error naming it; other errors pass. */
export const duplicateEventId = (error: unknown): unknown =>
  serverError(error).constraint === 'events_event_id_key'
    ? new ValidationError(
        [{ path: 'id', rule: 'must be unique: an event with this id is already recorded' }],
        {
          cause: error,
        },
      )
    : error;

/** Appends to one stream in one round trip: revision check, idempotency and insert happen in the database. */
export const appendToStream = async (
  context: StoreContext,
  streamId: string,
  events: readonly EventToAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> => {
  await context.ready();
  const plan = planAppend(streamId, events, options.expectedRevision ?? 'any', {
    registry: context.registry,
    now: context.clock.now(),
    tenantId: context.tenantId,
    futureToleranceMs: context.futureToleranceMs,
  });
  if (plan.prepared === undefined) throw plan.invalid;
  const single = plan.prepared.length === 1 ? plan.prepared[0] : undefined;
  const head = [
    context.tenant,
    encodeText(streamId),
    expectedText(plan.expected),
    plan.key === undefined ? null : encodeText(plan.key),
    plan.prepared[0]?.metadata.recordedAt ?? null,
  ];
  let answer: string | null;
  try {
    answer = single
      ? await context.db.call(context.statements.appendEvent, [
          ...head,
          single.id,
          encodeText(single.type),
          JSON.stringify(single.data),
          JSON.stringify(single.metadata),
          single.metadata.occurredAt,
        ])
      : ((
          await context.db.query<AppendRow>(context.statements.appendToStream, [
            ...head,
            ...columnParams(pushColumns(emptyColumns(), plan.prepared)),
          ])
        )[0]?.result ?? null);
  } catch (error) {
    throw duplicateEventId(error);
  }
  if (answer === null) throw new RapportError('StoreUnavailable', 'postgres: append returned no row');
  const { outcome, revision, first } = parseAppendResult(answer);
  if (outcome === CONFLICT) {
    throw concurrencyConflict({
      streamId,
      expectedRevision: expectedText(plan.expected),
      actualRevision: describeRevision(revision),
    });
  }
  if (outcome !== WRITTEN) {
    const prior = await findDuplicate(context, streamId, plan.key ?? '');
    if (!prior) throw new RapportError('StoreUnavailable', 'postgres: an idempotent append vanished');
    assertRepeatedAppend({
      streamId,
      idempotencyKey: plan.key ?? '',
      recorded: prior.events,
      events,
      prepared: plan.prepared,
      lift: context.lift,
    });
    return prior;
  }
  const recorded = recordPrepared(streamId, plan.prepared, (revision ?? -1n) + 1n, first);
  const lastGlobalPosition = first + BigInt(recorded.length) - 1n;
  context.appended(lastGlobalPosition);
  return {
    streamId,
    nextExpectedRevision: (revision ?? -1n) + BigInt(recorded.length),
    lastGlobalPosition,
    events: recorded,
    duplicate: false,
  };
};
