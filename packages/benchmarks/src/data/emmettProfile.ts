import { pongoMultiStreamProjection } from '@event-driven-io/emmett-postgresql';
import type { RecordedEvent } from '@rapport/core';
import { profileEventTypes, profileProjection } from '@rapport/profiles';
import { detachedContext } from '@rapport/projections';

interface EmmettEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: {
    readonly streamName: string;
    readonly streamPosition: bigint;
    readonly globalPosition: bigint;
    readonly messageId: string;
    readonly customerId: string;
    readonly occurredAt: string;
  };
}

/** An Emmett event as the profile's evolve reads it. */
const asRecorded = (event: EmmettEvent): RecordedEvent => ({
  id: event.metadata.messageId,
  type: event.type,
  data: event.data,
  streamId: event.metadata.streamName,
  streamPosition: event.metadata.streamPosition,
  globalPosition: event.metadata.globalPosition,
  metadata: {
    customerId: event.metadata.customerId,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.occurredAt,
    tenantId: 'default',
    schemaVersion: 1,
  },
});

/**
 * The profile as an Emmett (Pongo) projection: the same evolve, one document per customer. Emmett has no timers,
 * so the profile's timer requests are dropped: Emmett does a little less work than Rapport here.
 */
export const emmettProfileProjection = pongoMultiStreamProjection({
  collectionName: 'profiles',
  canHandle: [...profileEventTypes],
  getDocumentId: (event) => (event as unknown as EmmettEvent).metadata.customerId,
  initialState: () => profileProjection.init('') as never,
  evolve: (document: Record<string, unknown>, event: unknown) => {
    const recorded = asRecorded(event as EmmettEvent);
    const ctx = detachedContext(recorded.metadata.customerId!, recorded);
    return profileProjection.evolve(document as never, recorded, ctx) as never;
  },
});
