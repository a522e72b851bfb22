import { assertExpectedRevision, type StreamAppend, ValidationError } from '@rapport/core';
import { type PlannedAppend, planAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** The plans of a bulk append, the first error that must be raised before the store is asked, and the time. */
export interface BulkPlan {
  readonly plans: PlannedAppend[];
  readonly fatal: { readonly error: unknown } | undefined;
  readonly now: Date;
}

/** Plans every append in order; stops at the first one that fails before the store is asked, and keeps its error. */
export const planBulk = (context: StoreContext, appends: readonly StreamAppend[]): BulkPlan => {
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
export const raiseFirstError = async (context: StoreContext, { plans, fatal }: BulkPlan): Promise<void> => {
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
