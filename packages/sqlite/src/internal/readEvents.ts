import {
  assertStreamId,
  normalizeReadAllOptions,
  normalizeReadStreamOptions,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
} from '@rapport/core';
import { type EventStatements, recordedOf } from './eventStatements';

/** What reads need from their store. */
export interface ReadContext {
  readonly statements: EventStatements;
  readonly tenantId: string;
  readonly lift: (event: RecordedEvent) => RecordedEvent;
}

// greater than any ISO-8601 instant, so "no `until`" needs no second statement
const END_OF_TIME = '~';

/** Reads one stream; call inside a read transaction so the revision and the events are of one snapshot. */
export const readStreamIn = (
  context: ReadContext,
  streamId: string,
  options: ReadStreamOptions | undefined,
): ReadStreamResult => {
  assertStreamId(streamId);
  const { direction, maxCount, fromRevision, until } = normalizeReadStreamOptions(options);
  const { statements, tenantId, lift } = context;
  const revision = statements.revision.get(tenantId, streamId) ?? undefined;
  if (revision === undefined) return { streamId, exists: false, revision: undefined, events: [] };
  const rows =
    direction === 'forwards'
      ? statements.forwards.all(
          tenantId,
          streamId,
          Number(fromRevision ?? 0n),
          until ?? END_OF_TIME,
          maxCount,
        )
      : statements.backwards.all(
          tenantId,
          streamId,
          fromRevision === undefined || fromRevision > BigInt(revision) ? revision : Number(fromRevision),
          until ?? END_OF_TIME,
          maxCount,
        );
  return {
    streamId,
    exists: true,
    revision: BigInt(revision),
    events: rows.map((row) => lift(recordedOf(row))),
  };
};

/**
 * Reads a page of the tenant's log; call inside a read transaction. A short page scanned to the head of the
 * snapshot, so it reports the head as its last position; a full page reports its last event's.
 */
export const readAllIn = (context: ReadContext, options: ReadAllOptions | undefined): ReadAllResult => {
  const { after, maxCount, types, streamPrefix } = normalizeReadAllOptions(options);
  const { statements, tenantId, lift } = context;
  const typeList = types === undefined ? '[]' : JSON.stringify([...types]);
  const rows = statements.page.all(
    tenantId,
    Number(after),
    types === undefined ? 0 : 1,
    typeList,
    streamPrefix,
    maxCount,
  );
  const head = BigInt(statements.head.get(tenantId) ?? 0);
  const events = rows.map((row) => lift(recordedOf(row)));
  if (rows.length < maxCount) return { events, lastPosition: head > after ? head : after, isEnd: true };
  const lastPosition = events.at(-1)!.globalPosition;
  return { events, lastPosition, isEnd: lastPosition >= head };
};
