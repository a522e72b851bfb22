import {
  type AppendResult,
  assertBulkAppends,
  assertBulkEntry,
  assertExpectedRevision,
  type StreamAppend,
} from '@rapport/core';
import { PartialAppendError } from '../partialAppendError';
import { type AppendPlan, checkAppendShape, planAppend, writeAppend } from './appendToStream';
import type { StoreContext } from './context';
import { headRevision } from './readStream';

const HEAD_READS_IN_PARALLEL = 8;

/** Runs `task` over `items` with at most `limit` in flight. */
const forEachLimited = async <T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

/**
 * Bulk append without a multi-stream transaction, as honestly as EventStoreDB allows: validate every append,
 * answer idempotent duplicates, check every expected revision, and only then write stream by stream (each
 * write re-checked by the server). A conflict found up front writes nothing; a failure after some streams
 * were written throws `PartialAppendError` naming what was recorded, what failed and what was not attempted.
 */
export const appendToStreams = async (
  context: StoreContext,
  appends: readonly StreamAppend[],
): Promise<readonly AppendResult[]> => {
  context.ensureOpen();
  assertBulkAppends(appends);
  const seen = new Set<string>();
  appends.forEach((entry, index) => {
    const append = assertBulkEntry(entry, index, seen);
    checkAppendShape(append.streamId, append.events, append.expectedRevision ?? 'any');
  });

  const now = context.config.clock.now();
  const plans: AppendPlan[] = [];
  for (const append of appends) {
    plans.push(
      await planAppend(context, append.streamId, append.events, append.expectedRevision ?? 'any', now),
    );
  }
  const checked = plans.filter((plan) => plan.kind === 'write' && plan.expected !== 'any');
  await forEachLimited(checked, HEAD_READS_IN_PARALLEL, async (plan) => {
    if (plan.kind !== 'write') return;
    assertExpectedRevision(plan.streamId, plan.expected, await headRevision(context, plan.streamId));
  });

  const completed: AppendResult[] = [];
  let wrote = false;
  for (const [index, plan] of plans.entries()) {
    try {
      completed.push(await writeAppend(context, plan));
      wrote ||= plan.kind === 'write';
    } catch (error) {
      if (!wrote) throw error; // nothing was written by this call: it failed as a whole
      throw new PartialAppendError(
        {
          completed,
          failedStreamId: appends[index]!.streamId,
          notAttempted: appends.slice(index + 1).map((append) => append.streamId),
        },
        error,
      );
    }
  }
  return completed;
};
