import {
  type Channel,
  channelSchema,
  type EventMetadata,
  type PreparedEvent,
  RapportError,
  type RecordedEvent,
} from '@rapport/core';
import type { StoredRecord, WireEvent } from './gateway';

/**
 * Marks the first event of an append that carried an idempotency key: how many events the append wrote and
 * which attempt wrote them. Stored in EventStoreDB's metadata only; readers never see it.
 */
export interface IdempotencyMark {
  readonly size: number;
  readonly attempt: string;
}

/** Key of the idempotency mark in stored metadata. */
export const IDEMPOTENCY_MARK = 'idempotencyBatch';

/**
 * Rapport metadata as EventStoreDB metadata: the same field names, except correlation and causation, which
 * use EventStoreDB's `$correlationId` / `$causationId` so its `$bc-` projection and tooling understand them.
 */
export const toWireMetadata = (metadata: EventMetadata, mark?: IdempotencyMark): Record<string, unknown> => {
  const { correlationId, causationId, ...rest } = metadata;
  return {
    ...rest,
    ...(correlationId === undefined ? {} : { $correlationId: correlationId }),
    ...(causationId === undefined ? {} : { $causationId: causationId }),
    ...(mark === undefined ? {} : { [IDEMPOTENCY_MARK]: { ...mark } }),
  };
};

/** A prepared (validated, stamped) event as the event to send. */
export const toWireEvent = (event: PreparedEvent, mark?: IdempotencyMark): WireEvent => ({
  id: event.id,
  type: event.type,
  data: event.data,
  metadata: toWireMetadata(event.metadata, mark),
});

const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The idempotency mark of a stored record, when it is the first event of a keyed append. */
export const idempotencyMarkOf = (record: StoredRecord): IdempotencyMark | undefined => {
  const mark = asObject(asObject(record.metadata)[IDEMPOTENCY_MARK]);
  return typeof mark.size === 'number' && Number.isInteger(mark.size) && mark.size > 0 && text(mark.attempt)
    ? { size: mark.size, attempt: mark.attempt as string }
    : undefined;
};

/** The idempotency key stored on a record, if any. */
export const idempotencyKeyOf = (record: StoredRecord): string | undefined =>
  text(asObject(record.metadata).idempotencyKey);

/**
 * Reads Rapport metadata back from stored metadata. Events written by other tools get sensible values:
 * times from the server's `created`, the store's tenant, schema version 1; unknown fields are dropped.
 */
export const fromWireMetadata = (raw: unknown, created: Date, fallbackTenantId: string): EventMetadata => {
  const wire = asObject(raw);
  const createdAt = Number.isNaN(created.getTime()) ? new Date(0).toISOString() : created.toISOString();
  const channel = channelSchema.safeParse(wire.channel);
  const optional = {
    customerId: text(wire.customerId),
    channel: channel.success ? (channel.data as Channel) : undefined,
    source: text(wire.source),
    correlationId: text(wire.$correlationId) ?? text(wire.correlationId),
    causationId: text(wire.$causationId) ?? text(wire.causationId),
    actor: text(wire.actor),
    idempotencyKey: text(wire.idempotencyKey),
  };
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) metadata[key] = value;
  const version = wire.schemaVersion;
  return {
    ...metadata,
    occurredAt: text(wire.occurredAt) ?? text(wire.recordedAt) ?? createdAt,
    recordedAt: text(wire.recordedAt) ?? createdAt,
    tenantId: text(wire.tenantId) ?? fallbackTenantId,
    schemaVersion: typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1,
  };
};

/**
 * A stored record as Rapport's recorded event: `globalPosition` is the `$all` commit position (increasing,
 * not contiguous), `streamPosition` the stream revision. Data is passed as stored, whatever its type.
 */
export const fromStoredRecord = (record: StoredRecord, fallbackTenantId: string): RecordedEvent => {
  if (record.position === undefined) {
    throw new RapportError(
      'Configuration',
      `EventStoreDB returned event ${record.id} without a log position; Rapport needs EventStoreDB 22.10 or later`,
    );
  }
  return {
    id: record.id,
    type: record.type,
    data: record.data,
    streamId: record.streamId,
    streamPosition: record.revision,
    globalPosition: record.position.commit,
    metadata: fromWireMetadata(record.metadata, record.created, fallbackTenantId),
  };
};
