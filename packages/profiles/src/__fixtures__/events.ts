import {
  customerStreamId,
  newEventId,
  type RecordedEvent,
  type TouchpointData,
  type TouchpointEventType,
  touchpointRegistry,
} from '@rapport/core';
import { foldProjection, type ProjectionDefinition } from '@rapport/projections';
import type { CustomerProfile } from '../profile/customerProfile';
import { profileProjection } from '../profile/profileProjection';

/** Test-only: metadata of a fixture event. */
export interface FixtureMeta {
  readonly customerId?: string;
  readonly actor?: string;
  readonly source?: string;
}

/** Test-only: builds recorded events (validated against the catalog) with increasing global positions. */
export const createHistory = (defaultCustomer = 'c1') => {
  let global = 0n;
  const streams = new Map<string, bigint>();
  const events: RecordedEvent[] = [];
  const event = <TType extends TouchpointEventType>(
    type: TType,
    data: TouchpointData<TType>,
    at: string,
    meta: FixtureMeta = {},
  ): RecordedEvent => {
    const parsed = touchpointRegistry.validate(type, data);
    if (!parsed.success) throw new Error(`fixture ${type}: ${JSON.stringify(parsed.issues)}`);
    const customerId = meta.customerId ?? defaultCustomer;
    const streamId = customerStreamId(customerId);
    const streamPosition = streams.get(streamId) ?? 0n;
    streams.set(streamId, streamPosition + 1n);
    global += 1n;
    const recorded: RecordedEvent = {
      id: newEventId(),
      type,
      data: parsed.value,
      streamId,
      streamPosition,
      globalPosition: global,
      metadata: {
        customerId,
        occurredAt: new Date(at).toISOString(),
        recordedAt: new Date(at).toISOString(),
        tenantId: 'default',
        schemaVersion: 1,
        ...(meta.actor !== undefined && { actor: meta.actor }),
        ...(meta.source !== undefined && { source: meta.source }),
      },
    };
    events.push(recorded);
    return recorded;
  };
  return { event, events };
};

/** Test-only: folds events through a profile projection and returns the documents. */
export const fold = (
  events: Iterable<RecordedEvent>,
  until?: string,
  projection: ProjectionDefinition<CustomerProfile> = profileProjection,
): ReadonlyMap<string, CustomerProfile> =>
  foldProjection(projection, events, until === undefined ? {} : { until }).documents;

/** Test-only: the profile of one customer after folding `events`. */
export const profileOf = (
  events: Iterable<RecordedEvent>,
  until?: string,
  customerId = 'c1',
): CustomerProfile => {
  const profile = fold(events, until).get(customerId);
  if (profile === undefined) throw new Error(`no profile for ${customerId}`);
  return profile;
};

/** Test-only: epoch ms of an ISO time. */
export const ms = (iso: string): number => Date.parse(iso);

/** Test-only: a purchase's data. */
export const purchase = (
  orderId: string,
  total: number,
  extra: Partial<TouchpointData<'PurchaseCompleted'>> = {},
): TouchpointData<'PurchaseCompleted'> => ({
  orderId,
  lines: [],
  total,
  currency: 'USD',
  paymentMethod: 'card',
  ...extra,
});
