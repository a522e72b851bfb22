import {
  type AppendResult,
  concurrencyConflict,
  describeRevision,
  RapportError,
  type StreamAppend,
  ValidationError,
} from '@rapport/core';
import { duplicateEventId } from './appendToStream';
import { type BulkPlan, planBulk, raiseFirstError } from './bulkPlan';
import { type BulkRow, type PositionedBulk, positionBulk, withDuplicates } from './bulkResults';
import { copyEvents } from './copyEvents';
import { columnParams, emptyColumns, plainArray, pushColumns, textArray } from './eventColumns';
import { expectedText } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** The per-stream parameters both bulk paths start with. */
const streamParams = ({ plans }: BulkPlan) => [
  textArray(plans.map((plan) => encodeText(plan.streamId))),
  textArray(plans.map((plan) => expectedText(plan.expected))),
  textArray(plans.map((plan) => (plan.key === undefined ? null : encodeText(plan.key)))),
  plainArray(plans.map((plan) => plan.prepared?.length ?? 0)),
];

/** Small batches: one round trip, the rows go as column arrays through `unnest` in `append_to_streams`. */
const appendWithFunction = async (context: StoreContext, bulk: BulkPlan) => {
  const columns = emptyColumns();
  const eventStreams: number[] = [];
  const eventIndexes: number[] = [];
  for (const [index, plan] of bulk.plans.entries()) {
    const prepared = plan.prepared ?? [];
    pushColumns(columns, prepared);
    for (let i = 0; i < prepared.length; i++) {
      eventStreams.push(index + 1);
      eventIndexes.push(i);
    }
  }
  const [row] = await context.db.query<BulkRow>(context.statements.appendToStreams, [
    context.tenant,
    bulk.now.toISOString(),
    ...streamParams(bulk),
    plainArray(eventStreams),
    plainArray(eventIndexes),
    ...columnParams(columns),
  ]);
  return { row, positioned: row && row.conflict_index === null ? positionBulk(bulk.plans, row) : undefined };
};

/** Large batches: check and allocate in one call, then COPY the rows, in one transaction (four round trips). */
const appendWithCopy = (context: StoreContext, bulk: BulkPlan) =>
  context.db.transaction('appendToStreams', async (client) => {
    const { statements } = context;
    const { rows } = await client.query<BulkRow>({
      name: statements.prepareAppendToStreams.name,
      text: statements.prepareAppendToStreams.text,
      values: [context.tenant, ...streamParams(bulk)],
    });
    const row = rows[0];
    if (row === undefined || row.conflict_index !== null) return { row, positioned: undefined };
    const positioned = positionBulk(bulk.plans, row);
    if (row.first_position !== null) {
      await copyEvents(context, client, bulk.plans, positioned, bulk.now.toISOString());
    }
    return { row, positioned };
  });

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
  if (!Array.isArray(appends)) {
    throw new ValidationError([{ path: 'appends', rule: 'must be an array of stream appends' }]);
  }
  const bulk = planBulk(context, appends);
  if (bulk.fatal !== undefined || bulk.plans.some((plan) => plan.prepared === undefined)) {
    await raiseFirstError(context, bulk);
  }
  if (bulk.plans.length === 0) return [];
  const events = bulk.plans.reduce((sum, plan) => sum + (plan.prepared?.length ?? 0), 0);
  let outcome: { row: BulkRow | undefined; positioned: PositionedBulk | undefined };
  try {
    outcome =
      events >= context.copyThreshold
        ? await appendWithCopy(context, bulk)
        : await appendWithFunction(context, bulk);
  } catch (error) {
    throw duplicateEventId(error);
  }
  const { row, positioned } = outcome;
  if (row === undefined) throw new RapportError('StoreUnavailable', 'postgres: bulk append returned no row');
  if (row.conflict_index !== null || positioned === undefined) {
    const plan = bulk.plans[(row.conflict_index ?? 1) - 1]!;
    throw concurrencyConflict({
      streamId: plan.streamId,
      expectedRevision: expectedText(plan.expected),
      actualRevision: describeRevision(
        row.conflict_revision === null ? undefined : BigInt(row.conflict_revision),
      ),
    });
  }
  if (positioned.lastGlobalPosition !== undefined) context.appended(positioned.lastGlobalPosition);
  return withDuplicates(context, positioned);
};
