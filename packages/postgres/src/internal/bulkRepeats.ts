import {
  type AppendResult,
  appendResultOf,
  assertRepeatedAppend,
  type PrepareContext,
  type PreparedEvent,
  prepareEvents,
  RapportError,
  type RecordedEvent,
} from '@rapport/core';
import type { BulkRow } from './bulkResults';
import { type EventRow, eventFromRow, parseNumberArray } from './eventRows';
import type { CheckedAppend, PlannedAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** The events each repeating append's key first recorded, by call index, read in one round trip. */
const readRepeated = async (
  context: StoreContext,
  appends: readonly CheckedAppend[],
  row: BulkRow,
): Promise<Map<number, RecordedEvent[]>> => {
  const duplicateFrom = parseNumberArray(row.duplicate_from);
  const duplicateSizes = parseNumberArray(row.duplicate_sizes);
  const ranges = appends.flatMap((append, index) => {
    const first = duplicateFrom[index];
    if (first === undefined) return [];
    return [{ index, streamId: append.streamId, first, last: first + (duplicateSizes[index] ?? 1n) - 1n }];
  });
  const byStream = new Map<string, RecordedEvent[]>();
  if (ranges.length > 0) {
    const rows = await context.db.query<EventRow>(context.statements.readAppended, [
      context.tenant,
      ranges.map((range) => encodeText(range.streamId)),
      ranges.map((range) => range.first.toString()),
      ranges.map((range) => range.last.toString()),
    ]);
    for (const event of rows.map(eventFromRow)) {
      const events = byStream.get(event.streamId);
      if (events) events.push(event);
      else byStream.set(event.streamId, [event]);
    }
  }
  return new Map(ranges.map((range) => [range.index, byStream.get(range.streamId) ?? []]));
};

/**
 * A bulk call the database stopped before writing (v11): a conflict, or appends whose keys were used. Walks the
 * appends in call order up to the conflict, as the in-memory store does: each is validated (an invalid one is
 * raised), and each repeat is compared with what its key recorded (other events are refused). Returns the earlier
 * result of every repeat before the conflict; the caller raises the conflict, or calls again without the repeats.
 */
export const settleRepeats = async (
  context: StoreContext,
  appends: readonly CheckedAppend[],
  plans: readonly PlannedAppend[] | undefined,
  row: BulkRow,
  prepare: PrepareContext,
): Promise<Map<number, AppendResult>> => {
  // conflict_index counts from 1: the conflicting append itself is validated too (an invalid one fails as invalid)
  const end = row.conflict_index ?? appends.length;
  const repeated = await readRepeated(context, appends.slice(0, end), row);
  const settled = new Map<number, AppendResult>();
  for (const [index, append] of appends.slice(0, end).entries()) {
    const prepared: readonly PreparedEvent[] =
      plans?.[index]?.prepared ?? prepareEvents(append.streamId, append.events, prepare);
    const recorded = repeated.get(index);
    if (recorded === undefined) continue;
    if (recorded.length === 0)
      throw new RapportError('StoreUnavailable', 'postgres: an idempotent append vanished');
    assertRepeatedAppend({
      streamId: append.streamId,
      idempotencyKey: append.key ?? '',
      recorded,
      events: append.events,
      prepared,
      lift: context.lift,
    });
    settled.set(index, appendResultOf(append.streamId, recorded, true));
  }
  return settled;
};
