import { type AppendResult, RapportError, type RecordedEvent } from '@rapport/core';
import { type EventRow, eventFromRow, parseNumberArray, recordPrepared } from './eventRows';
import type { CheckedAppend, PlannedAppend } from './planAppend';
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

/** One result per append as written from `row.first_position` on in call order; undefined for a duplicate. */
export const positionBulk = (plans: readonly PlannedAppend[], row: BulkRow): (AppendResult | undefined)[] => {
  const revisions = parseNumberArray(row.revisions);
  const duplicateFrom = parseNumberArray(row.duplicate_from);
  let next = BigInt(row.first_position ?? '0');
  return plans.map((plan, index) => {
    if (duplicateFrom[index] !== undefined || plan.prepared === undefined) return undefined;
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
};

/** The position of the last event written, if any was. */
export const lastWritten = (results: readonly (AppendResult | undefined)[]): bigint | undefined =>
  results.reduce<bigint | undefined>(
    (last, result) =>
      result === undefined || (last !== undefined && last > result.lastGlobalPosition)
        ? last
        : result.lastGlobalPosition,
    undefined,
  );

/** Completes `results` (one per append) with the earlier appends that the duplicates repeated. */
export const withDuplicates = async (
  context: StoreContext,
  appends: readonly CheckedAppend[],
  results: readonly (AppendResult | undefined)[],
  row: BulkRow,
): Promise<AppendResult[]> => {
  const duplicateFrom = parseNumberArray(row.duplicate_from);
  const duplicateSizes = parseNumberArray(row.duplicate_sizes);
  const ranges = appends.flatMap((append, index) => {
    const first = duplicateFrom[index];
    if (first === undefined) return [];
    return [{ streamId: append.streamId, first, last: first + (duplicateSizes[index] ?? 1n) - 1n }];
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
  return appends.map((append, index) => {
    const written = results[index];
    if (written !== undefined) return written;
    const events = byStream.get(append.streamId) ?? [];
    const last = events.at(-1);
    if (last === undefined)
      throw new RapportError('StoreUnavailable', 'postgres: an idempotent append vanished');
    return {
      streamId: append.streamId,
      nextExpectedRevision: last.streamPosition,
      lastGlobalPosition: last.globalPosition,
      events,
      duplicate: true,
    };
  });
};
