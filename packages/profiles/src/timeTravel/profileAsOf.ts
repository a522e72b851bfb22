import { customerStreamId, type EventStore, type RecordedEvent } from '@rapport/core';
import { foldProjection, type ProjectionDefinition } from '@rapport/projections';
import type { CustomerProfile } from '../profile/customerProfile';
import { erasePersonalData } from '../profile/forget';
import { profileProjection } from '../profile/profileProjection';

/** Options of `profileAsOf`. */
export interface ProfileAsOfOptions {
  /** The projection to fold; default `profileProjection` (pass yours when you configured other options). */
  readonly projection?: ProjectionDefinition<CustomerProfile>;
}

const byPosition = (a: RecordedEvent, b: RecordedEvent) =>
  a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0;

const dataOf = <TData>(event: RecordedEvent) => event.data as TData;

/** The streams that made up a customer's profile at `until`: its own and, recursively, those it had absorbed by then. */
const collect = async (store: EventStore, customerId: string, until: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  const seen = new Set<string>();
  const pending = [customerId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const event of (await store.readStream(customerStreamId(id), { until })).events) {
      events.push(event);
      if (event.type === 'CustomersMerged') pending.push(dataOf<{ absorbedId: string }>(event).absorbedId);
    }
  }
  return events.sort(byPosition);
};

/** True when `survivorId` held `customerId` at `until`: it had absorbed it by then, and not given it back since. */
const absorbedBy = async (store: EventStore, survivorId: string, customerId: string, until: string) =>
  (await store.readStream(customerStreamId(survivorId), { until })).events.findLast(
    (event) =>
      (event.type === 'CustomersMerged' || event.type === 'CustomersUnmerged') &&
      dataOf<{ absorbedId: string }>(event).absorbedId === customerId,
  )?.type === 'CustomersMerged';

/** True when the customer, or a record it is merged into now (not one it was given back by), has been forgotten. */
const forgottenEver = async (store: EventStore, customerId: string): Promise<boolean> => {
  const seen = new Set<string>();
  for (let id: string | undefined = customerId; id !== undefined && !seen.has(id); ) {
    seen.add(id);
    const { events } = await store.readStream(customerStreamId(id));
    if (events.some((event) => event.type === 'CustomerForgotten')) return true;
    const closing = events.findLast(
      (event) => event.type === 'CustomerMergedInto' || event.type === 'CustomerRestored',
    );
    id =
      closing?.type === 'CustomerMergedInto' ? dataOf<{ survivorId: string }>(closing).survivorId : undefined;
  }
  return false;
};

/**
 * The customer's profile as it was at `date` (event time): a fold of the customer's stream, and of the streams of
 * the customers it had absorbed by then, up to `date`, with the timers due by then fired — what the live projection
 * showed at that moment. Undefined when the customer had no profile then (unknown yet, or absorbed into another
 * record and not given back by then). A customer forgotten since shows as erased at every date: time travel never
 * undoes an erasure.
 *
 * @example
 * ```ts
 * const lastChristmas = await profileAsOf(store, 'c-42', '2025-12-25T00:00:00Z');
 * ```
 */
export const profileAsOf = async (
  store: EventStore,
  customerId: string,
  date: Date | string,
  options: ProfileAsOfOptions = {},
): Promise<CustomerProfile | undefined> => {
  const until = new Date(date).toISOString();
  const events = await collect(store, customerId, until);
  const profile = foldProjection(options.projection ?? profileProjection, events, { until }).documents.get(
    customerId,
  );
  if (profile === undefined) return undefined;
  if (profile.mergedInto !== undefined && (await absorbedBy(store, profile.mergedInto, customerId, until))) {
    return undefined;
  }
  if (profile.forgotten === undefined && (await forgottenEver(store, customerId)))
    return erasePersonalData(profile);
  return profile;
};
