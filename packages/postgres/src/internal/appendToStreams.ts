import {
  type AppendResult,
  assertBulkAppends,
  concurrencyConflict,
  describeRevision,
  prepareEvents,
  RapportError,
  type StreamAppend,
} from '@rapport/core';
import { duplicateEventId } from './appendToStream';
import { type BulkCheck, checkBulk, prepareBulk, raiseFirstError, streamParams } from './bulkPlan';
import { type BulkRow, lastWritten, positionBulk, withDuplicates } from './bulkResults';
import { copyEvents } from './copyEvents';
import { columnParams, emptyColumns, plainArray, pushColumns } from './eventColumns';
import { parseNumberArray } from './eventRows';
import { type CheckedAppend, expectedText } from './planAppend';
import type { StoreContext } from './storeContext';

interface BulkOutcome {
  readonly row: BulkRow | undefined;
  readonly results: (AppendResult | undefined)[] | undefined;
}

/** Small batches: validate everything, then one round trip: the rows go as column arrays through `unnest`. */
const appendWithFunction = async (context: StoreContext, check: BulkCheck): Promise<BulkOutcome> => {
  const plans = prepareBulk(context, check);
  if (check.fatal !== undefined || plans.some((plan) => plan.prepared === undefined)) {
    await raiseFirstError(context, plans, check.fatal);
  }
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
  const [row] = await context.db.query<BulkRow>(context.statements.appendToStreams, [
    context.tenant,
    check.now.toISOString(),
    ...streamParams(plans),
    plainArray(eventStreams),
    plainArray(eventIndexes),
    ...columnParams(columns),
  ]);
  return { row, results: row && row.conflict_index === null ? positionBulk(plans, row) : undefined };
};

/** Large batches: check and allocate in one call, then COPY the rows while validating them, in one transaction. */
const appendWithCopy = async (context: StoreContext, check: BulkCheck): Promise<BulkOutcome> => {
  const prepare = {
    registry: context.registry,
    now: check.now,
    tenantId: context.tenantId,
    futureToleranceMs: context.futureToleranceMs,
  };
  const failed: { invalid?: unknown } = {};
  try {
    const outcome = await context.db.transaction('appendToStreams', async (client): Promise<BulkOutcome> => {
      const { rows } = await client.query<BulkRow>({
        name: context.statements.prepareAppendToStreams.name,
        text: context.statements.prepareAppendToStreams.text,
        values: [context.tenant, ...streamParams(check.checked)],
      });
      const row = rows[0];
      if (row === undefined || row.conflict_index !== null) return { row, results: undefined };
      if (row.first_position === null) return { row, results: [] };
      return { row, results: await copyEvents(context, client, check.checked, row, prepare, failed) };
    });
    const conflict = outcome.row?.conflict_index ?? null;
    if (outcome.row && conflict !== null) {
      // the in-memory store validates each append before checking its revision: an earlier bad event wins
      const duplicateFrom = parseNumberArray(outcome.row.duplicate_from);
      for (const [index, append] of check.checked.slice(0, conflict).entries()) {
        if (duplicateFrom[index] === undefined) prepareEvents(append.streamId, append.events, prepare);
      }
    }
    return outcome;
  } catch (error) {
    throw 'invalid' in failed ? failed.invalid : error;
  }
};

const conflictOf = (appends: readonly CheckedAppend[], row: BulkRow) => {
  const append = appends[(row.conflict_index ?? 1) - 1]!;
  return concurrencyConflict({
    streamId: append.streamId,
    expectedRevision: expectedText(append.expected),
    actualRevision: describeRevision(
      row.conflict_revision === null ? undefined : BigInt(row.conflict_revision),
    ),
  });
};

/**
 * Appends to many streams atomically. Every expected revision and idempotency key is checked in the database
 * under the streams' locks before anything is written; then the rows go in with one INSERT ... SELECT FROM unnest
 * (small batches) or with COPY (batches of at least `copyThreshold` events).
 */
export const appendToStreams = async (
  context: StoreContext,
  appends: readonly StreamAppend[],
): Promise<readonly AppendResult[]> => {
  await context.ready();
  assertBulkAppends(appends);
  const check = checkBulk(context, appends);
  if (check.checked.length === 0 && check.fatal === undefined) return [];
  const events = check.checked.reduce((sum, append) => sum + append.events.length, 0);
  let outcome: BulkOutcome;
  try {
    outcome =
      check.fatal === undefined && !check.refusesTime && events >= context.copyThreshold
        ? await appendWithCopy(context, check)
        : await appendWithFunction(context, check);
  } catch (error) {
    throw duplicateEventId(error);
  }
  const { row, results } = outcome;
  if (row === undefined) throw new RapportError('StoreUnavailable', 'postgres: bulk append returned no row');
  if (row.conflict_index !== null || results === undefined) throw conflictOf(check.checked, row);
  const last = lastWritten(results);
  if (last !== undefined) context.appended(last);
  return withDuplicates(context, check.checked, results, row);
};
