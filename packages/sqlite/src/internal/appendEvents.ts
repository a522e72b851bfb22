import {
  type AppendResult,
  appendResultOf,
  assertExpectedRevision,
  assertExpectedRevisionShape,
  assertRepeatedAppend,
  type EventRegistry,
  type EventToAppend,
  type ExpectedRevision,
  type PreparedEvent,
  prepareEvents,
  type RecordedEvent,
  ValidationError,
} from '@rapport/core';
import { type EventStatements, recordedOf } from './eventStatements';

/** What an append needs from its store. */
export interface AppendContext {
  readonly statements: EventStatements;
  readonly registry: EventRegistry | false;
  readonly tenantId: string;
  readonly futureToleranceMs: number;
  readonly lift: (event: RecordedEvent) => RecordedEvent;
}

/** Refuses a caller-supplied id already recorded, or given twice in the batch, as the in-memory store does. */
const assertNewIds = (
  context: AppendContext,
  events: readonly EventToAppend[],
  prepared: readonly PreparedEvent[],
) => {
  if (!events.some((event) => event?.id !== undefined)) return;
  const batch = new Set<string>();
  prepared.forEach((event, index) => {
    if (batch.has(event.id) || context.statements.idTaken.get(event.id) !== undefined) {
      throw new ValidationError([
        {
          path: `${prepared.length === 1 ? event.type : `events[${index}]`}.id`,
          rule: 'must be unique: an event with this id is already recorded',
          got: event.id,
        },
      ]);
    }
    batch.add(event.id);
  });
};

/**
 * Validates, checks and writes one stream's append. Runs inside the caller's write transaction: SQLite lets one
 * writer at a time, so the revision read here cannot change before the rows are written.
 */
export const appendInTransaction = (
  context: AppendContext,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  now: Date,
): AppendResult => {
  const { statements, tenantId } = context;
  assertExpectedRevisionShape(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError([{ path: 'events', rule: 'must be a non-empty array of events' }]);
  }
  const prepared = prepareEvents(streamId, events, {
    registry: context.registry,
    now,
    tenantId,
    futureToleranceMs: context.futureToleranceMs,
  });
  const key = prepared[0]?.metadata.idempotencyKey;
  if (key !== undefined) {
    const recorded = statements.byKey.all(tenantId, streamId, key).map(recordedOf);
    if (recorded.length > 0) {
      assertRepeatedAppend({ streamId, idempotencyKey: key, recorded, events, prepared, lift: context.lift });
      return appendResultOf(streamId, recorded, true);
    }
  }
  assertNewIds(context, events, prepared);
  const revision = statements.revision.get(tenantId, streamId) ?? undefined;
  if (expected !== 'any') {
    assertExpectedRevision(streamId, expected, revision === undefined ? undefined : BigInt(revision));
  }
  let next = revision === undefined ? 0 : revision + 1;
  const written = prepared.map((event): RecordedEvent => {
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    const { lastInsertRowid } = statements.insert.run(
      tenantId,
      streamId,
      next,
      event.id,
      event.type,
      event.metadata.occurredAt,
      key ?? null,
      data,
      metadata,
    );
    return {
      id: event.id,
      type: event.type,
      data: event.data,
      streamId,
      streamPosition: BigInt(next++),
      globalPosition: BigInt(lastInsertRowid),
      metadata: event.metadata,
    };
  });
  return appendResultOf(streamId, written, false);
};
