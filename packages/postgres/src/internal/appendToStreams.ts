import {
  type AppendResult,
  assertExpectedRevision,
  concurrencyConflict,
  describeRevision,
  RapportError,
  type RecordedEvent,
  type StreamAppend,
  ValidationError,
} from '@rapport/core';
import { duplicateEventId } from './appendToStream';
import { columnParams, emptyColumns, plainArray, pushColumns, textArray } from './eventColumns';
import { type EventRow, eventFromRow, parseNumberArray, recordPrepared } from './eventRows';
import { expectedText, type PlannedAppend, planAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

interface BulkRow {
  readonly conflict_index: number | null;
  readonly conflict_revision: string | null;
  readonly first_position: string | null;
  readonly revisions: string | null;
  readonly duplicate_from: string | null;
  readonly duplicate_sizes: string | null;
}

/** Plans every append in order; stops at the first one that fails before the store is asked, and keeps its error. */
const planAll = (context: StoreContext, appends: readonly StreamAppend[]) => {
  const plans: PlannedAppend[] = [];
  const seen = new Set<string>();
  const now = context.clock.now();
  for (const [index, append] of appends.entries()) {
    try {
      if (append === null || typeof append !== 'object') {
        throw new ValidationError([
          { path: `appends[${index}]`, rule: 'must be { streamId, events, expectedRevision? }' },
        ]);
      }
      if (seen.has(append.streamId)) {
        throw new ValidationError([
          { path: `appends[${index}].streamId`, rule: 'must appear once per call', got: append.streamId },
        ]);
      }
      seen.add(append.streamId);
      plans.push(
        planAppend(append.streamId, append.events, append.expectedRevision ?? 'any', {
          registry: context.registry,
          now,
          tenantId: context.tenantId,
        }),
      );
    } catch (error) {
      return { plans, fatal: { error }, now };
    }
  }
  return { plans, fatal: undefined, now };
};

/**
 * Some append is invalid: raise what the in-memory store would have raised first, walking the appends in order
 * against the current state (an earlier conflict wins; an invalid append whose key was already used is a duplicate).
 * Returns normally only when every invalid append turned out to be a duplicate.
 */
const raiseFirstError = async (
  context: StoreContext,
  plans: readonly PlannedAppend[],
  fatal: { error: unknown } | undefined,
): Promise<void> => {
  const rows = await context.db.query<{ revision: string | null; duplicate: boolean }>(
    context.statements.checkStreams,
    [
      context.tenant,
      plans.map((plan) => encodeText(plan.streamId)),
      plans.map((plan) => (plan.key === undefined ? null : encodeText(plan.key))),
    ],
  );
  for (const [index, plan] of plans.entries()) {
    const row = rows[index];
    if (row?.duplicate) continue;
    if (plan.prepared === undefined) throw plan.invalid;
    assertExpectedRevision(
      plan.streamId,
      plan.expected,
      row?.revision === null || row === undefined ? undefined : BigInt(row.revision),
    );
  }
  if (fatal) throw fatal.error;
};

/** Reads back the events of earlier appends that these appends duplicated, keyed by stream id. */
const readDuplicates = async (
  context: StoreContext,
  ranges: readonly { streamId: string; first: bigint; last: bigint }[],
): Promise<Map<string, AppendResult>> => {
  const results = new Map<string, AppendResult>();
  if (ranges.length === 0) return results;
  const rows = await context.db.query<EventRow>(context.statements.readAppended, [
    context.tenant,
    ranges.map((range) => encodeText(range.streamId)),
    ranges.map((range) => range.first.toString()),
    ranges.map((range) => range.last.toString()),
  ]);
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of rows.map(eventFromRow)) {
    const events = byStream.get(event.streamId);
    if (events) events.push(event);
    else byStream.set(event.streamId, [event]);
  }
  for (const { streamId } of ranges) {
    const events = byStream.get(streamId) ?? [];
    const last = events.at(-1);
    if (last === undefined)
      throw new RapportError('StoreUnavailable', 'postgres: an idempotent append vanished');
    results.set(streamId, {
      streamId,
      nextExpectedRevision: last.streamPosition,
      lastGlobalPosition: last.globalPosition,
      events,
      duplicate: true,
    });
  }
  return results;
};

/** Builds the results of a successful bulk append, in the order of the appends. */
const collectResults = async (
  context: StoreContext,
  plans: readonly PlannedAppend[],
  row: BulkRow,
): Promise<AppendResult[]> => {
  const revisions = parseNumberArray(row.revisions);
  const duplicateFrom = parseNumberArray(row.duplicate_from);
  const duplicateSizes = parseNumberArray(row.duplicate_sizes);
  const ranges: { streamId: string; first: bigint; last: bigint }[] = [];
  for (const [index, plan] of plans.entries()) {
    const first = duplicateFrom[index];
    if (first !== undefined) {
      ranges.push({ streamId: plan.streamId, first, last: first + (duplicateSizes[index] ?? 1n) - 1n });
    }
  }
  const duplicates = await readDuplicates(context, ranges);
  let next = row.first_position === null ? 0n : BigInt(row.first_position);
  const results = plans.map((plan, index): AppendResult => {
    const duplicate = duplicates.get(plan.streamId);
    if (duplicate !== undefined || plan.prepared === undefined) return duplicate!;
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
  if (row.first_position !== null) context.appended(next - 1n);
  return results;
};

/**
 * Appends to many streams in one transaction and one round trip: arrays of columns go through `unnest`, the
 * function checks every expected revision and key first, then inserts all events with one INSERT ... SELECT.
 */
export const appendToStreams = async (
  context: StoreContext,
  appends: readonly StreamAppend[],
): Promise<readonly AppendResult[]> => {
  await context.ready();
  if (!Array.isArray(appends)) {
    throw new ValidationError([{ path: 'appends', rule: 'must be an array of stream appends' }]);
  }
  const { plans, fatal, now } = planAll(context, appends);
  if (fatal !== undefined || plans.some((plan) => plan.prepared === undefined)) {
    await raiseFirstError(context, plans, fatal);
  }
  if (plans.length === 0) return [];
  const columns = emptyColumns();
  const eventStreams: number[] = [];
  const eventIndexes: number[] = [];
  for (const [index, plan] of plans.entries()) {
    const prepared = plan.prepared ?? [];
    pushColumns(columns, prepared);
    for (let i = 0; i < prepared.length; i++) {
      eventStreams.push(index + 1);
      eventIndexes.push(i);
    }
  }
  let row: BulkRow | undefined;
  try {
    [row] = await context.db.query<BulkRow>(context.statements.appendToStreams, [
      context.tenant,
      now.toISOString(),
      textArray(plans.map((plan) => encodeText(plan.streamId))),
      textArray(plans.map((plan) => expectedText(plan.expected))),
      textArray(plans.map((plan) => (plan.key === undefined ? null : encodeText(plan.key)))),
      plainArray(plans.map((plan) => plan.prepared?.length ?? 0)),
      plainArray(eventStreams),
      plainArray(eventIndexes),
      ...columnParams(columns),
    ]);
  } catch (error) {
    throw duplicateEventId(error);
  }
  if (row === undefined) throw new RapportError('StoreUnavailable', 'postgres: bulk append returned no row');
  if (row.conflict_index !== null) {
    const plan = plans[row.conflict_index - 1]!;
    throw concurrencyConflict({
      streamId: plan.streamId,
      expectedRevision: expectedText(plan.expected),
      actualRevision: describeRevision(
        row.conflict_revision === null ? undefined : BigInt(row.conflict_revision),
      ),
    });
  }
  return collectResults(context, plans, row);
};
