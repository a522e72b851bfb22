import { customerStreamId, type EventStore, type RecordedEvent } from '@rapport/core';
import { foldProjection, type ProjectionDefinition } from '@rapport/projections';
import { loyaltyStreamId } from '../account/accountDecider';
import type { BalancesState } from './balancesProjection';

const byPosition = (a: RecordedEvent, b: RecordedEvent) =>
  a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0;

/**
 * A customer's balances as they were at `at` (event time): their customer and loyalty streams folded through the
 * balances projection up to that instant, timers included, so points that unlocked or lapsed by then show so.
 * Undefined when nothing of theirs had happened by then.
 *
 * @example
 * const then = await balancesAsOf(store, createBalancesProjection({ programs }), 'c1', '1997-12-31T23:59:59Z');
 */
export const balancesAsOf = async (
  store: EventStore,
  projection: ProjectionDefinition<BalancesState>,
  customerId: string,
  at: string,
): Promise<BalancesState | undefined> => {
  const events = [
    ...(await store.readStream(customerStreamId(customerId), { until: at })).events,
    ...(await store.readStream(loyaltyStreamId(customerId), { until: at })).events,
  ].sort(byPosition);
  return foldProjection(projection, events, { until: at }).documents.get(customerId);
};
