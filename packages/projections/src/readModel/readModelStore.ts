import type { Json } from '../definition/json';
import type { Effect } from '../effects/effect';
import type { OutboxStore } from '../effects/outbox';

/** A timer as stored: one per (document key, name), due at `at` (ISO-8601 UTC). */
export interface StoredTimer {
  readonly key: string;
  readonly name: string;
  readonly at: string;
  readonly payload?: Json;
}

/** Where a projection is in the log: the last global position applied and its watermark (event time). */
export interface Checkpoint {
  readonly position: bigint;
  /** The furthest time the projection has reached; timers at or before it have fired. */
  readonly watermark: string | undefined;
}

/** A record of an event (or timer) whose handling threw. */
export interface DeadLetter {
  readonly projection: string;
  readonly version: number;
  /** Global position of the failing event (for a timer: of the last event applied before it). */
  readonly position: bigint;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  /** The document being evolved, when known. */
  readonly key: string | undefined;
  /** The timer that was firing, when a timer failed. */
  readonly timer: StoredTimer | undefined;
  readonly error: { readonly message: string; readonly stack: string | undefined };
  /** What the runner did: `'stop'`ped the projection or `'skip'`ped the event. */
  readonly policy: 'stop' | 'skip';
  /** Wall-clock time the runner recorded it, when recorded by a runner. */
  readonly recordedAt: string | undefined;
}

/** One document write in a commit; `document: null` deletes it. */
export interface DocumentChange {
  readonly key: string;
  readonly document: Json | null;
}

/** One timer write in a commit: put (insert or replace by key and name), delete one, or clear a document's timers. */
export type TimerChange =
  | { readonly kind: 'put'; readonly timer: StoredTimer }
  | { readonly kind: 'delete'; readonly key: string; readonly name: string }
  | { readonly kind: 'clear'; readonly key: string };

/** One alias: events keyed `from` go to the document `to` (after an absorb). */
export interface Alias {
  readonly from: string;
  readonly to: string;
}

/** The removal of an alias in a commit (after a release): events keyed `from` go to the document `from` again. */
export interface AliasRemoval {
  readonly from: string;
  readonly to: null;
}

/** One alias write in a commit: set (insert or replace by `from`) or remove; removing an absent alias does nothing. */
export type AliasChange = Alias | AliasRemoval;

/** Everything one runner batch writes, applied atomically or not at all. */
export interface ReadModelCommit {
  readonly collection: string;
  /** Applied in order; a later change of the same key wins. */
  readonly documents: readonly DocumentChange[];
  /** Applied in order. */
  readonly timers: readonly TimerChange[];
  /** Applied in order; a later change of the same `from` wins. */
  readonly aliases: readonly AliasChange[];
  /** Upserted by (collection, position, timer key and name). */
  readonly deadLetters: readonly DeadLetter[];
  /** The commit fails with a concurrency conflict unless the stored checkpoint's position is `expected` (undefined: none yet). */
  readonly checkpoint: { readonly expected: bigint | undefined; readonly next: Checkpoint };
  /** Makes this version the one readers see, in the same transaction. */
  readonly activate?: { readonly projection: string; readonly version: number };
  /**
   * Effects a reactor emitted, added to the outbox in the same transaction; an effect whose id is already there (or
   * earlier in this list) is left exactly as it is (status, attempts and history), so deriving it again adds and
   * resets nothing.
   */
  readonly effects?: readonly Effect[];
  /** Wall-clock time of the commit; required with effects, which are created at it. */
  readonly recordedAt?: string;
}

/** Options of a prefix listing: keys in ascending order, paged by `after`. */
export interface ListOptions {
  readonly prefix?: string;
  /** Only keys strictly greater than this one. */
  readonly after?: string;
  /** At most this many; default 1000. */
  readonly limit?: number;
}

/** A page of documents in key order. */
export interface DocumentPage {
  readonly documents: readonly { readonly key: string; readonly document: Json }[];
  /** Pass as `after` for the next page; undefined when this was the last page. */
  readonly next: string | undefined;
}

/** Options of a due-timer query: timers with `at <= upTo`, in (at, key, name) order, after a cursor. */
export interface DueTimersOptions {
  readonly upTo: string;
  readonly after?: { readonly at: string; readonly key: string; readonly name: string };
  readonly limit: number;
}

/** Reads a document; undefined when absent. */
export type GetDocument = (collection: string, key: string) => Promise<Json | undefined>;
/** Reads many documents; absent keys are missing from the map. */
export type GetDocuments = (
  collection: string,
  keys: readonly string[],
) => Promise<ReadonlyMap<string, Json>>;
/** Writes one document outside a runner (tools, fixtures). */
export type PutDocument = (collection: string, key: string, document: Json) => Promise<void>;
/** Deletes one document outside a runner. */
export type DeleteDocument = (collection: string, key: string) => Promise<void>;
/** Lists documents by key prefix, in key order. */
export type ListDocuments = (collection: string, options?: ListOptions) => Promise<DocumentPage>;
/** Reads a collection's checkpoint; undefined before the first commit. */
export type ReadCheckpoint = (collection: string) => Promise<Checkpoint | undefined>;
/** Timers due at or before `upTo`, in firing order. */
export type DueTimers = (collection: string, options: DueTimersOptions) => Promise<readonly StoredTimer[]>;
/** Every timer of a collection, in firing order. */
export type ListTimers = (collection: string) => Promise<readonly StoredTimer[]>;
/** Every alias of a collection. */
export type ListAliases = (collection: string) => Promise<readonly Alias[]>;
/** Every dead letter of a collection, by position. */
export type ListDeadLetters = (collection: string) => Promise<readonly DeadLetter[]>;
/** The version of a projection readers see; undefined before any version was activated. */
export type ActiveVersion = (projection: string) => Promise<number | undefined>;
/** Writes a batch atomically with its checkpoint. */
export type CommitReadModel = (commit: ReadModelCommit) => Promise<void>;
/** Deletes a collection with its documents, timers, aliases, dead letters and checkpoint. */
export type DropCollection = (collection: string) => Promise<void>;

/**
 * The read-model store port: keyed JSON documents in collections (one per projection version), with the
 * timers, aliases, dead letters and checkpoint of each, and the outbox of reactor effects, all written together by
 * `commit`.
 */
export interface ReadModelStore {
  readonly get: GetDocument;
  readonly getMany: GetDocuments;
  readonly put: PutDocument;
  readonly delete: DeleteDocument;
  readonly list: ListDocuments;
  readonly readCheckpoint: ReadCheckpoint;
  readonly dueTimers: DueTimers;
  readonly listTimers: ListTimers;
  readonly listAliases: ListAliases;
  readonly listDeadLetters: ListDeadLetters;
  readonly activeVersion: ActiveVersion;
  readonly commit: CommitReadModel;
  /** Deletes a collection's own rows; the effects its reactor emitted stay in the outbox. */
  readonly dropCollection: DropCollection;
  readonly outbox: OutboxStore;
}
