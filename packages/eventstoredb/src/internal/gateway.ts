import type { ExpectedRevision } from '@rapport/core';

/** A position in EventStoreDB's transaction log (`$all`). For events appended over gRPC, `commit === prepare`. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event as the server holds it, in a client-neutral shape. */
export interface StoredRecord {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  /** The event's revision in its stream. */
  readonly revision: bigint;
  /** Its place in `$all`; undefined only from servers older than 22.6 on stream reads. */
  readonly position: LogPosition | undefined;
  /** When the server wrote it. */
  readonly created: Date;
  /** Parsed JSON when the event is JSON, the raw bytes otherwise. */
  readonly data: unknown;
  /** Parsed JSON metadata, raw bytes when it is not JSON, undefined when absent. */
  readonly metadata: unknown;
}

/** An event on its way to the server. */
export interface WireEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** What the server answered to an append. */
export interface AppendOutcome {
  readonly nextExpectedRevision: bigint;
  readonly position: LogPosition | undefined;
}

/** A filter the server applies to `$all`: on event type or on stream name, by regex or by prefixes. */
export type ServerFilter =
  | { readonly on: 'eventType' | 'streamName'; readonly regex: string }
  | { readonly on: 'eventType' | 'streamName'; readonly prefixes: readonly string[] };

/** A bounded read of one stream. */
export interface StreamReadRequest {
  readonly direction: 'forwards' | 'backwards';
  readonly from: bigint | 'start' | 'end';
  readonly maxCount: number;
}

/** A bounded read of `$all`: forwards from a position is inclusive, backwards from a position is exclusive. */
export interface AllReadRequest {
  readonly direction: 'forwards' | 'backwards';
  readonly from: LogPosition | 'start' | 'end';
  readonly maxCount: number;
}

/** A catch-up subscription to `$all`, strictly after `from`. */
export interface SubscribeRequest {
  readonly from: LogPosition | 'start';
  readonly filter?: ServerFilter;
}

/** A live feed of records, consumed by async iteration (backpressure); `close()` ends it. */
export interface RecordFeed extends AsyncIterable<StoredRecord> {
  close(): Promise<void>;
}

/** How the server spreads a persistent subscription's events over its consumers. */
export type ConsumerStrategy = 'pinned' | 'roundRobin' | 'dispatchToSingle';

/** Server-side settings of a persistent subscription to `$all` (the rest keep the server's defaults). */
export interface PersistentSubscriptionSettings {
  readonly strategy: ConsumerStrategy;
  /** Inclusive start when the group is created; ignored when it already exists. */
  readonly from: LogPosition | 'start' | 'end';
  readonly filter?: ServerFilter;
  /** An unacknowledged message is redelivered after this long. */
  readonly messageTimeoutMs: number;
  /** Redeliveries (timeouts and `retry` nacks) before the server parks a message. */
  readonly maxRetryCount: number;
}

/** One message of a persistent subscription: the record, and the id to acknowledge it by. */
export interface PersistentDelivery {
  /** Undefined for a link whose event is gone; acknowledge it anyway. */
  readonly record: StoredRecord | undefined;
  readonly ackId: string;
  /** How many times the server delivered it before. */
  readonly retryCount: number;
}

/** `retry`: redeliver (counts towards `maxRetryCount`); `park`: move to the group's parked-message stream. */
export type NackAction = 'retry' | 'park';

/** A consumer's connection to a persistent subscription, consumed by async iteration; `close()` leaves the group. */
export interface PersistentFeed extends AsyncIterable<PersistentDelivery> {
  ack(deliveries: readonly PersistentDelivery[]): Promise<void>;
  nack(action: NackAction, reason: string, deliveries: readonly PersistentDelivery[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything the adapter asks of EventStoreDB. `client.ts` implements it with `@eventstore/db-client`; tests
 * implement it in memory. Methods throw `RapportError`s: `ConcurrencyConflict` for a wrong expected revision,
 * `StoreUnavailable` for transient failures (the only code worth retrying), others for permanent ones.
 */
export interface Gateway {
  append(streamId: string, events: readonly WireEvent[], expected: ExpectedRevision): Promise<AppendOutcome>;
  /** Reads at most `maxCount` records; `'no_stream'` when the stream does not exist (or was deleted). */
  readStream(streamId: string, request: StreamReadRequest): Promise<readonly StoredRecord[] | 'no_stream'>;
  /** Reads at most `maxCount` records of `$all`, system events included. */
  readAll(request: AllReadRequest): Promise<readonly StoredRecord[]>;
  subscribeToAll(request: SubscribeRequest): RecordFeed;
  /** Creates the persistent subscription group on `$all` unless it exists (its settings are then left alone). */
  ensurePersistentSubscriptionToAll(
    group: string,
    settings: PersistentSubscriptionSettings,
  ): Promise<'created' | 'exists'>;
  /** Joins the group as one more consumer; at most `bufferSize` messages are in flight to it unacknowledged. */
  subscribeToPersistentSubscriptionToAll(group: string, options: { bufferSize: number }): PersistentFeed;
  /** Deletes the group (and its server checkpoint); nothing happens when it does not exist. */
  deletePersistentSubscriptionToAll(group: string): Promise<void>;
  /** Releases the connection when the adapter owns it. */
  dispose(): Promise<void>;
}
