import {
  assertStreamId,
  normalizeReadStreamOptions,
  type ReadStreamOptions,
  type ReadStreamResult,
} from '@rapport/core';
import { type EventRow, eventFromRow } from './eventRows';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

const MAX_BIGINT = '9223372036854775807';

/**
 * Reads one stream. Stream reads need no horizon: writers of a stream are serialised until they commit, so a
 * stream's revisions become visible in order, and a decider always sees the latest committed revision.
 */
export const readStream = async (
  context: StoreContext,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<ReadStreamResult> => {
  await context.ready();
  assertStreamId(streamId);
  const { direction, maxCount, fromRevision, until } = normalizeReadStreamOptions(options);
  const forwards = direction === 'forwards';
  const rows = await context.db.query<Partial<EventRow> & { revision: string | null }>(
    forwards ? context.statements.readStreamForwards : context.statements.readStreamBackwards,
    [
      context.tenant,
      encodeText(streamId),
      fromRevision === undefined ? (forwards ? '0' : MAX_BIGINT) : fromRevision.toString(),
      until ?? null,
      String(maxCount),
    ],
  );
  const revision = rows[0]?.revision ?? null;
  if (revision === null) return { streamId, exists: false, revision: undefined, events: [] };
  const events = rows
    .filter((row): row is EventRow & { revision: string } => row.global_position != null)
    .map((row) => context.lift(eventFromRow(row)));
  return { streamId, exists: true, revision: BigInt(revision), events };
};
