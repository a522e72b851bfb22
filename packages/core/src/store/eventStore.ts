import type { Observable } from 'rxjs';
import type { EventRegistry } from '../registry/eventRegistry';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from './envelope';

/** Options of an append. */
export interface AppendOptions {
  /** What the stream must look like for the append to succeed; default `'any'`. */
  readonly expectedRevision?: ExpectedRevision;
}

/** The outcome of an append. */
export interface AppendResult {
  readonly streamId: string;
  /** The stream's revision after the append: pass it as `expectedRevision` to append again. */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event written (or of the stream's last event for an empty append). */
  readonly lastGlobalPosition: bigint;
  /** The events as written (not passed through upcasters). */
  readonly events: readonly RecordedEvent[];
  /** True when the append's idempotency key had been seen on this stream: nothing new was written. */
  readonly duplicate: boolean;
}

/** One stream's part of a bulk append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision?: ExpectedRevision;
}

/** Options for reading one stream. */
export interface ReadStreamOptions {
  /** First revision to read (forwards) or last revision to read (backwards). */
  readonly fromRevision?: bigint;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
  /** Only events that occurred (event time) at or before this instant. */
  readonly until?: Date | string;
}

/** A stream as read. */
export interface ReadStreamResult {
  readonly streamId: string;
  readonly exists: boolean;
  /** The revision of the stream's last event, whatever was asked for; undefined when it does not exist. */
  readonly revision: bigint | undefined;
  readonly events: readonly RecordedEvent[];
}

/** A filter on the global log. */
export interface AllFilter {
  /** Only these event types. */
  readonly types?: readonly string[];
  /** Only streams whose id starts with this prefix. */
  readonly streamPrefix?: string;
}

/** Options for reading the global log in batches. */
export interface ReadAllOptions extends AllFilter {
  /** Read events with a global position strictly after this one: 0n (the default, the start) or a position the store returned. */
  readonly after?: bigint;
  /** At most this many events; default 1000. */
  readonly maxCount?: number;
}

/** One page of the global log. */
export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** The position scanned up to (including filtered-out events): pass it as `after` for the next page. */
  readonly lastPosition: bigint;
  /**
   * True when no event after `lastPosition` was visible at the time of reading. A durable store may answer false
   * (or hide later events) while an earlier transaction is still open: it never exposes a position a lower one could
   * still commit before.
   */
  readonly isEnd: boolean;
}

/** Options for a subscription to the global log. */
export interface SubscribeOptions extends AllFilter {
  /** Deliver events strictly after this global position: 0n (the default) or a position the store returned. */
  readonly after?: bigint;
}

/**
 * The event store port. Every adapter (in-memory, PostgreSQL, EventStoreDB) implements it and passes
 * the same contract suite from `@rapport/testing`.
 */
export interface EventStore {
  /**
   * The registry appends are validated against and reads upcast with; absent for a store made with `registry:
   * false`, which takes any type. Runners check the types a projection handles against it.
   */
  readonly registry?: EventRegistry | undefined;
  /** Appends events to a stream atomically, checking the expected revision first. */
  appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to many streams in one call (the importer's path). Every input and expected revision is checked
   * before anything is written. Stores with multi-stream transactions (in-memory, PostgreSQL) write all or
   * nothing; a store without them (EventStoreDB) throws a `PartialWrite` error naming what was written.
   * A stream may appear once per call.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]>;
  /** Reads one stream. A missing stream reads as `{ exists: false, events: [] }`. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  /** Reads a page of the global log in commit order. */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** Catches up from `after`, then follows new events live, in global order, with no gap and no duplicate. */
  subscribeToAll(options?: SubscribeOptions): Observable<RecordedEvent>;
  /** The global position of the last event readers can see (0n when empty); stores skip their own system events. */
  headPosition(): Promise<bigint>;
  /** Releases connections and completes live subscriptions. */
  close(): Promise<void>;
}
