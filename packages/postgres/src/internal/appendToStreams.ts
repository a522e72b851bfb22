import {
  type AppendResult,
  assertBulkAppends,
  concurrencyConflict,
  describeRevision,
  type PrepareContext,
  RapportError,
  type StreamAppend,
} from '@rapport/core';
import { duplicateEventId } from './appendToStream';
import { type BulkCheck, checkBulk, prepareBulk, raiseFirstError, streamParams } from './bulkPlan';
import { settleRepeats } from './bulkRepeats';
import { type BulkRow, lastWritten, positionBulk } from './bulkResults';
import { copyEvents } from './copyEvents';
import { columnParams, emptyColumns, plainArray, pushColumns } from './eventColumns';
import { type CheckedAppend, expectedText, type PlannedAppend } from './planAppend';
import type { StoreContext } from './storeContext';

/** What one call of a bulk function did: the results when it wrote, else the row that says why it did not. */
interface BulkOutcome {
  readonly row: BulkRow | undefined;
  readonly results: AppendResult[] | undefined;
  /** The validated appends, when they were validated before the call. */
  readonly plans?: readonly PlannedAppend[];
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
  return {
    row,
    plans,
    results: row === undefined || row.first_position === null ? undefined : positionBulk(plans, row),
  };
};

/** Large batches: check and allocate in one call, then COPY the rows while validating them, in one transaction. */
const appendWithCopy = async (
  context: StoreContext,
  check: BulkCheck,
  prepare: PrepareContext,
): Promise<BulkOutcome> => {
  const failed: { invalid?: unknown } = {};
  try {
    return await context.db.transaction('appendToStreams', async (client): Promise<BulkOutcome> => {
      const { rows } = await client.query<BulkRow>({
        name: context.statements.prepareAppendToStreams.name,
        text: context.statements.prepareAppendToStreams.text,
        values: [context.tenant, ...streamParams(check.checked)],
      });
      const row = rows[0];
      if (row === undefined || row.first_position === null) return { row, results: undefined };
      return { row, results: await copyEvents(context, client, check.checked, row, prepare, failed) };
    });
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
 * One call of the bulk functions: the results when it wrote; otherwise it wrote nothing, and either a conflict, a
 * reused key or an invalid append is raised (the first in call order), or the earlier results of the appends that
 * repeat their keys are returned, by call index, for the caller to call again without them.
 */
const appendOnce = async (
  context: StoreContext,
  check: BulkCheck,
): Promise<{ readonly written: AppendResult[] } | { readonly repeats: Map<number, AppendResult> }> => {
  const prepare = {
    registry: context.registry,
    now: check.now,
    tenantId: context.tenantId,
    futureToleranceMs: context.futureToleranceMs,
  };
  const events = check.checked.reduce((sum, append) => sum + append.events.length, 0);
  let outcome: BulkOutcome;
  try {
    outcome =
      check.fatal === undefined && !check.refusesTime && events >= context.copyThreshold
        ? await appendWithCopy(context, check, prepare)
        : await appendWithFunction(context, check);
  } catch (error) {
    throw duplicateEventId(error);
  }
  const { row, results } = outcome;
  if (row === undefined) throw new RapportError('StoreUnavailable', 'postgres: bulk append returned no row');
  if (results !== undefined) {
    const last = lastWritten(results);
    if (last !== undefined) context.appended(last);
    return { written: results };
  }
  const repeats = await settleRepeats(context, check.checked, outcome.plans, row, prepare);
  if (row.conflict_index !== null) throw conflictOf(check.checked, row);
  if (repeats.size === 0) throw new RapportError('StoreUnavailable', 'postgres: bulk append wrote nothing');
  return { repeats };
};

/**
 * Appends to many streams atomically. Every expected revision and idempotency key is checked in the database
 * under the streams' locks before anything is written; then the rows go in with one INSERT ... SELECT FROM unnest
 * (small batches) or with COPY (batches of at least `copyThreshold` events). When some appends repeat their keys,
 * nothing is written until their events are compared with the recorded ones; the rest is then appended by a second
 * call (the repeats are settled for good: recorded events never change).
 */
export const appendToStreams = async (
  context: StoreContext,
  appends: readonly StreamAppend[],
): Promise<readonly AppendResult[]> => {
  await context.ready();
  assertBulkAppends(appends);
  const check = checkBulk(context, appends);
  if (check.checked.length === 0 && check.fatal === undefined) return [];
  const answered = new Map<number, AppendResult>();
  for (;;) {
    const pending = check.checked.flatMap((_, index) => (answered.has(index) ? [] : [index]));
    if (pending.length === 0) return check.checked.map((_, index) => answered.get(index)!);
    const once = await appendOnce(context, {
      ...check,
      checked: pending.map((index) => check.checked[index]!),
    });
    if ('written' in once) {
      const written = new Map(pending.map((index, at) => [index, once.written[at]!]));
      return check.checked.map((_, index) => answered.get(index) ?? written.get(index)!);
    }
    for (const [at, result] of once.repeats) answered.set(pending[at]!, result);
  }
};
