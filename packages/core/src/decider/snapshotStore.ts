import { ValidationError } from '../errors/validationError';
import { deepFreeze } from '../internal/deepFreeze';

/** Where a command's events sit in its stream: they start at `revision`; `count` of them are contiguous. */
export interface KeyedEvents {
  readonly revision: bigint;
  readonly count: number;
  /** Events with this key also sit elsewhere in the stream (only raw appends can do that): scan to find them all. */
  readonly scattered: boolean;
}

/**
 * A decider state folded up to a stream revision, with the idempotency keys recorded in the stream. The key index
 * only grows and successive snapshots of a stream may share it: every entry names events that are recorded, so a
 * snapshot that also knows a key recorded after its revision stays correct.
 */
export interface Snapshot<TState> {
  /** The `version` of the decider that folded `state` (see `Decider.version`); other versions ignore the snapshot. */
  readonly deciderVersion: number;
  readonly revision: bigint;
  readonly state: TState;
  readonly keys: Map<string, KeyedEvents>;
}

/**
 * Where `handleCommand` keeps folded states, so a command reads only the events after the last snapshot. One
 * snapshot store serves one decider over one event store; saving may fail or be skipped, which costs only speed.
 */
export interface SnapshotStore<TState> {
  /** The latest snapshot of a stream, if any. */
  load(streamId: string): Promise<Snapshot<TState> | undefined>;
  /**
   * Replaces the stream's snapshot: a later revision should win and an earlier one of the same decider version may
   * be ignored; a snapshot of another decider version should always be replaced.
   */
  save(streamId: string, snapshot: Snapshot<TState>): Promise<void>;
}

/** Options of the in-memory snapshot store. */
export interface InMemorySnapshotStoreOptions {
  /** Streams kept, the least recently used dropped first; default 100 000. */
  readonly maxStreams?: number;
  /** Deep-freezes saved states so a caller that mutates a command's `state` fails instead of corrupting later commands; default true. */
  readonly freeze?: boolean;
}

/** A snapshot store in process memory: the latest snapshot of each of the most recently used streams. */
export const createInMemorySnapshotStore = <TState>(
  options: InMemorySnapshotStoreOptions = {},
): SnapshotStore<TState> => {
  const maxStreams = options.maxStreams ?? 100_000;
  if (!Number.isInteger(maxStreams) || maxStreams < 1) {
    throw new ValidationError([
      { path: 'maxStreams', rule: 'must be a positive integer', got: String(maxStreams) },
    ]);
  }
  const freeze = options.freeze ?? true;
  const snapshots = new Map<string, Snapshot<TState>>();
  return {
    load: async (streamId) => {
      const found = snapshots.get(streamId);
      if (found !== undefined) {
        snapshots.delete(streamId);
        snapshots.set(streamId, found);
      }
      return found;
    },
    save: async (streamId, snapshot) => {
      const current = snapshots.get(streamId);
      if (
        current !== undefined &&
        current.deciderVersion === snapshot.deciderVersion &&
        current.revision > snapshot.revision
      ) {
        return;
      }
      if (freeze) deepFreeze(snapshot.state);
      snapshots.delete(streamId);
      snapshots.set(streamId, snapshot);
      if (snapshots.size > maxStreams) snapshots.delete(snapshots.keys().next().value!);
    },
  };
};
