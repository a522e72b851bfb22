import { type AppendResult, RapportError, type RecordedEvent } from '@rapport/core';
import { type EventRow, eventFromRow, parseNumberArray, recordPrepared } from './eventRows';
import type { PlannedAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** What the bulk functions return: a conflict, or the positions to give each append. */
export interface BulkRow {
  readonly conflict_index: number | null;
  readonly conflict_revision: string | null;
  readonly first_position: string | null;
  readonly revisions: string | null;
  readonly duplicate_from: string | null;
  readonly duplicate_sizes: string | null;
}

/** One result per append: the events as written, or undefined for a duplicate (read back by `readDuplicates`). */
export interface PositionedBulk {
  readonly results: (AppendResult | undefined)[];
  readonly duplicates: { streamId: string; first: bigint; last: bigint }[];
  /** Global position of the last event written; undefined when nothing was. */
  readonly lastGlobalPosition: bigint | undefined;
}

/** Positions every written event as the database allocated them: in call order from `first_position`. */
export const positionBulk = (plans: readonly PlannedAppend[], row: BulkRow): PositionedBulk => {
  const revisions = parseNumberArray(row.revisions);
  const duplicateFrom = parseNumberArray(row.duplicate_from);
  const duplicateSizes = parseNumberArray(row.duplicate_sizes);
  const duplicates: PositionedBulk['duplicates'] = [];
  let next = row.first_position === null ? 0n : BigInt(row.first_position);
  const results = plans.map((plan, index): AppendResult | undefined => {
    const first = duplicateFrom[index];
    if (first !== undefined || plan.prepared === undefined) {
      const from = first ?? 0n;
      duplicates.push({
        streamId: plan.streamId,
        first: from,
        last: from + (duplicateSizes[index] ?? 1n) - 1n,
      });
      return undefined;
    }
    const base = revisions[index] ?? -1n;
    const events = recordPrepared(plan.streamId, plan.prepared, base + 1n, next);
    next += BigInt(events.length);
    return {
      streamId: plan.streamId,
      nextExpectedRevision: base + BigInt(events.length),
      lastGlobalPosition: next - 1n,
      events,
      duplicate: false,
    };
  });
  return { results, duplicates, lastGlobalPosition: row.first_position === null ? undefined : next - 1n };
};

/** Completes the results with the earlier appends that the duplicates repeated. */
export const withDuplicates = async (
  context: StoreContext,
  { results, duplicates }: PositionedBulk,
): Promise<AppendResult[]> => {
  const byStream = new Map<string, RecordedEvent[]>();
  if (duplicates.length > 0) {
    const rows = await context.db.query<EventRow>(context.statements.readAppended, [
      context.tenant,
      duplicates.map((range) => encodeText(range.streamId)),
      duplicates.map((range) => range.first.toString()),
      duplicates.map((range) => range.last.toString()),
    ]);
    for (const event of rows.map(eventFromRow)) {
      const events = byStream.get(event.streamId);
      if (events) events.push(event);
      else byStream.set(event.streamId, [event]);
    }
  }
  let d = 0;
  return results.map((result) => {
    if (result !== undefined) return result;
    const streamId = duplicates[d++]?.streamId ?? '';
    const events = byStream.get(streamId) ?? [];
    const last = events.at(-1);
    if (last === undefined)
      throw new RapportError('StoreUnavailable', 'postgres: an idempotent append vanished');
    return {
      streamId,
      nextExpectedRevision: last.streamPosition,
      lastGlobalPosition: last.globalPosition,
      events,
      duplicate: true,
    };
  });
};
