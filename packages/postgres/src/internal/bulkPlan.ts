import {
  assertBulkEntry,
  assertExpectedRevision,
  assertRepeatedAppend,
  type EventToAppend,
  latestOccurredAt,
  RapportError,
  type StreamAppend,
} from '@rapport/core';
import { findDuplicate } from './appendToStream';
import { plainArray, textArray } from './eventColumns';
import {
  type CheckedAppend,
  checkAppend,
  expectedText,
  type PlannedAppend,
  preparePlanned,
} from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** The checked appends of a bulk call, the first error that must be raised before the store is asked, the time. */
export interface BulkCheck {
  readonly checked: CheckedAppend[];
  readonly fatal: { readonly error: unknown } | undefined;
  readonly now: Date;
  /**
   * Some event's `occurredAt` is not a time within the store's tolerance of `now`, so it will be refused. The COPY
   * path allocates positions before it validates, and a sequence does not roll back: such a batch takes the path
   * that validates first, so a refused append leaves no hole in the global positions.
   */
  readonly refusesTime: boolean;
}

/** Whether an event's given `occurredAt` is missing or plainly no later than `latest` (ISO text sorts as time). */
const timely = (events: readonly EventToAppend[], latest: string): boolean =>
  events.every((event) => {
    const occurredAt: unknown = event?.metadata?.occurredAt;
    return occurredAt === undefined || (typeof occurredAt === 'string' && occurredAt <= latest);
  });

/** Checks every append's shape in order; stops at the first that fails and keeps its error. */
export const checkBulk = (context: StoreContext, appends: readonly StreamAppend[]): BulkCheck => {
  const checked: CheckedAppend[] = [];
  const seen = new Set<string>();
  const now = context.clock.now();
  const latest = latestOccurredAt(now.toISOString(), context.futureToleranceMs);
  let refusesTime = false;
  for (const [index, append] of appends.entries()) {
    try {
      const entry = assertBulkEntry(append, index, seen);
      const one = checkAppend(entry.streamId, entry.events, entry.expectedRevision ?? 'any');
      checked.push(one);
      if (!refusesTime && !timely(one.events, latest)) refusesTime = true;
    } catch (error) {
      return { checked, fatal: { error }, now, refusesTime };
    }
  }
  return { checked, fatal: undefined, now, refusesTime };
};

/** Validates every checked append (keeping, not throwing, validation errors). */
export const prepareBulk = (context: StoreContext, { checked, now }: BulkCheck): PlannedAppend[] =>
  checked.map((append) =>
    preparePlanned(append, {
      registry: context.registry,
      now,
      tenantId: context.tenantId,
      futureToleranceMs: context.futureToleranceMs,
    }),
  );

/**
 * Some append is invalid, or a later one's shape is bad: raise what the in-memory store would have raised first,
 * walking the appends in order against the current state (an earlier conflict or reused key wins; a repeat whose
 * events are the recorded ones passes, as a duplicate would).
 */
export const raiseFirstError = async (
  context: StoreContext,
  plans: readonly PlannedAppend[],
  fatal: BulkCheck['fatal'],
): Promise<never> => {
  if (plans.length > 0) {
    const rows = await context.db.query<{ revision: string | null; duplicate: boolean }>(
      context.statements.checkStreams,
      [
        context.tenant,
        plans.map((plan) => encodeText(plan.streamId)),
        plans.map((plan) => (plan.key === undefined ? null : encodeText(plan.key))),
      ],
    );
    for (const [index, plan] of plans.entries()) {
      if (plan.prepared === undefined) throw plan.invalid;
      const row = rows[index];
      if (row?.duplicate) {
        const prior = await findDuplicate(context, plan.streamId, plan.key ?? '');
        if (!prior) throw new RapportError('StoreUnavailable', 'postgres: an idempotent append vanished');
        assertRepeatedAppend({
          streamId: plan.streamId,
          idempotencyKey: plan.key ?? '',
          recorded: prior.events,
          events: plan.events,
          prepared: plan.prepared,
          lift: context.lift,
        });
        continue;
      }
      assertExpectedRevision(
        plan.streamId,
        plan.expected,
        row?.revision === null || row === undefined ? undefined : BigInt(row.revision),
      );
    }
  }
  if (fatal) throw fatal.error;
  throw new RapportError('StoreUnavailable', 'postgres: a bulk append failed without an error to raise');
};

/** The per-stream parameters of both bulk functions: stream ids, expected revisions, keys, event counts. */
export const streamParams = (appends: readonly CheckedAppend[]): string[] => [
  textArray(appends.map((append) => encodeText(append.streamId))),
  textArray(appends.map((append) => expectedText(append.expected))),
  textArray(appends.map((append) => (append.key === undefined ? null : encodeText(append.key)))),
  plainArray(appends.map((append) => append.events.length)),
];
