import type { AppendResult } from '@rapport/core';
import { parseNumberArray, recordPrepared } from './eventRows';
import type { PlannedAppend } from './planAppend';

/** What the bulk functions return: a conflict, or the positions to give each append. */
export interface BulkRow {
  readonly conflict_index: number | null;
  readonly conflict_revision: string | null;
  readonly first_position: string | null;
  readonly revisions: string | null;
  readonly duplicate_from: string | null;
  readonly duplicate_sizes: string | null;
}

/** One result per append as written from `row.first_position` on in call order (a written call repeats no key). */
export const positionBulk = (plans: readonly PlannedAppend[], row: BulkRow): AppendResult[] => {
  const revisions = parseNumberArray(row.revisions);
  let next = BigInt(row.first_position ?? '0');
  return plans.map((plan, index) => {
    const base = revisions[index] ?? -1n;
    const events = recordPrepared(plan.streamId, plan.prepared ?? [], base + 1n, next);
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
export const lastWritten = (results: readonly AppendResult[]): bigint | undefined =>
  results.reduce<bigint | undefined>(
    (last, result) =>
      last !== undefined && last > result.lastGlobalPosition ? last : result.lastGlobalPosition,
    undefined,
  );
