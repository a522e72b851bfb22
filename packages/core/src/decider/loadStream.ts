import type { DomainEvent } from '../registry/defineEvent';
import type { RecordedEvent } from '../store/envelope';
import type { EventStore, ReadStreamResult } from '../store/eventStore';
import { type Decider, deciderVersion, foldEvents } from './decider';
import type { KeyedEvents, Snapshot, SnapshotStore } from './snapshotStore';

/** A stream as a command sees it: where it stands, the folded state, and what an earlier execution with the key wrote. */
export interface LoadedStream<TState> {
  readonly exists: boolean;
  readonly revision: bigint | undefined;
  readonly state: TState;
  /** The events an earlier execution with the command's idempotency key appended; empty when none did. */
  readonly earlier: readonly RecordedEvent[];
  /** The stream's key index, when snapshots are kept. */
  readonly keys: Map<string, KeyedEvents> | undefined;
}

const keyOf = (event: RecordedEvent) => event.metadata.idempotencyKey;

/** Adds the idempotency keys of `events` (in stream order) to `keys`; folding the same events twice adds nothing. */
export const indexKeys = (keys: Map<string, KeyedEvents>, events: readonly RecordedEvent[]): void => {
  for (const event of events) {
    const key = keyOf(event);
    if (key === undefined) continue;
    const at = event.streamPosition;
    const entry = keys.get(key);
    if (entry === undefined) keys.set(key, { revision: at, count: 1, scattered: false });
    else if (at >= entry.revision && at < entry.revision + BigInt(entry.count)) continue;
    else if (at === entry.revision + BigInt(entry.count)) keys.set(key, { ...entry, count: entry.count + 1 });
    else keys.set(key, { ...entry, scattered: true });
  }
};

/** The events recorded with `key` up to `revision`, found through the index. */
const keyedEvents = async (
  store: EventStore,
  streamId: string,
  keys: Map<string, KeyedEvents>,
  key: string,
  revision: bigint | undefined,
): Promise<readonly RecordedEvent[]> => {
  const entry = keys.get(key);
  // an entry past the revision this command read belongs to a concurrent execution: the append will say so
  if (entry === undefined || revision === undefined || entry.revision > revision) return [];
  if (entry.scattered) {
    const { events } = await store.readStream(streamId);
    return events.filter((event) => keyOf(event) === key && event.streamPosition <= revision);
  }
  return (await store.readStream(streamId, { fromRevision: entry.revision, maxCount: entry.count })).events;
};

/**
 * Loads a stream for a command: the whole stream folded, or, with a snapshot store, the latest snapshot and the
 * events after it (a snapshot the stream does not reach is ignored). Saves the state it folded up to.
 */
export const loadStream = async <TCommand, TState, TEvent extends DomainEvent>(
  store: EventStore,
  decider: Decider<TCommand, TState, TEvent>,
  streamId: string,
  key: string | undefined,
  snapshots: SnapshotStore<TState> | undefined,
): Promise<LoadedStream<TState>> => {
  if (snapshots === undefined) {
    const stream = await store.readStream(streamId);
    return {
      exists: stream.exists,
      revision: stream.revision,
      state: foldEvents(decider, stream.events),
      earlier: key === undefined ? [] : stream.events.filter((event) => keyOf(event) === key),
      keys: undefined,
    };
  }
  const version = deciderVersion(decider);
  const snapshot = await snapshots.load(streamId);
  let tail: ReadStreamResult | undefined;
  // a snapshot folded by another version of the decider is not trusted: fold the stream again and replace it
  if (snapshot !== undefined && snapshot.deciderVersion === version) {
    tail = await store.readStream(streamId, { fromRevision: snapshot.revision + 1n });
    if (!tail.exists || tail.revision! < snapshot.revision) tail = undefined;
  }
  const stream = tail ?? (await store.readStream(streamId));
  const keys = tail === undefined ? new Map<string, KeyedEvents>() : snapshot!.keys;
  indexKeys(keys, stream.events);
  const state = foldEvents(decider, stream.events, tail === undefined ? undefined : snapshot!.state);
  if (stream.revision !== undefined && (tail === undefined || stream.events.length > 0)) {
    await saveQuietly(snapshots, streamId, {
      deciderVersion: version,
      revision: stream.revision,
      state,
      keys,
    });
  }
  return {
    exists: stream.exists,
    revision: stream.revision,
    state,
    earlier: key === undefined ? [] : await keyedEvents(store, streamId, keys, key, stream.revision),
    keys,
  };
};

/** Saves a snapshot; a store that fails costs the next command some reading, never the command. */
export const saveQuietly = async <TState>(
  snapshots: SnapshotStore<TState>,
  streamId: string,
  snapshot: Snapshot<TState>,
): Promise<void> => {
  try {
    await snapshots.save(streamId, snapshot);
  } catch {
    // a snapshot is only a shortcut: the events are the truth
  }
};
