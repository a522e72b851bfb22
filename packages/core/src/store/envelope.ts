import type { z } from 'zod';
import type { channelSchema } from '../schema/primitives';

/** A channel a touchpoint happened on. */
export type Channel = z.output<typeof channelSchema>;

/** Metadata every recorded event carries. Times are ISO-8601 UTC strings (`Date#toISOString()` form). */
export interface EventMetadata {
  /** The customer the event is about, when it is about one. */
  readonly customerId?: string;
  /** When it happened in the world (event time). Defaults to `recordedAt`. */
  readonly occurredAt: string;
  /** When the store recorded it. */
  readonly recordedAt: string;
  readonly channel?: Channel;
  /** The system that produced it (importer, web shop, call centre…). */
  readonly source?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Who did it: a user, an agent, a system account. */
  readonly actor?: string;
  readonly tenantId: string;
  readonly schemaVersion: number;
  /** Set when the event was appended by a command carrying an idempotency key. */
  readonly idempotencyKey?: string;
}

/** Metadata a caller may supply when appending; the store fills in the rest. */
export type AppendMetadata = {
  -readonly [K in Exclude<
    keyof EventMetadata,
    'recordedAt' | 'tenantId' | 'schemaVersion' | 'occurredAt'
  >]?: EventMetadata[K];
} & {
  occurredAt?: string | Date;
  /** Declares that `data` is of an older schema version (for importing history); defaults to the current version. */
  schemaVersion?: number;
};

/** An event on its way into the store. */
export interface EventToAppend<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata?: AppendMetadata;
  /** Optional explicit id (uuid); a uuid v7 is generated when absent. */
  readonly id?: string;
}

/** An event as the store recorded it: immutable, positioned, with full metadata. */
export interface RecordedEvent<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly type: TType;
  readonly data: TData;
  readonly streamId: string;
  /** Zero-based position within its stream (its stream revision). */
  readonly streamPosition: bigint;
  /** Position in the store's total order: strictly increasing in the order readers see events, not necessarily contiguous. */
  readonly globalPosition: bigint;
  readonly metadata: EventMetadata;
}

/** The recorded form of a domain event union. */
export type Recorded<TEvent extends { type: string; data: unknown }> = TEvent extends unknown
  ? RecordedEvent<TEvent['type'], TEvent['data']>
  : never;

/** What an append expects of the stream: an exact revision, that it does not exist, that it exists, or anything. */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';
