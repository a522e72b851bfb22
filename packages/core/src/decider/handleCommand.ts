import { type Clock, systemClock } from '../clock';
import { isConcurrencyConflict, isIdempotencyKeyReused } from '../errors/guards';
import type { DomainEvent } from '../registry/defineEvent';
import { parseAs } from '../schema/parse';
import type { AppendMetadata, RecordedEvent } from '../store/envelope';
import type { EventStore } from '../store/eventStore';
import { type Decider, deciderVersion, foldEvents } from './decider';
import { givenOccurredAt } from './givenOccurredAt';
import { indexKeys, loadStream, saveQuietly } from './loadStream';
import { assertRepeatedCommand } from './repeatedCommand';
import type { SnapshotStore } from './snapshotStore';

/** Options of one command execution. */
export interface HandleCommandOptions<TState = unknown> {
  /** The stream that holds the decider's consistency boundary. */
  readonly streamId: string;
  /**
   * The same key twice appends once: the second call returns the first call's events with `duplicate: true`. The key
   * names one command: used again with another command or payload, it is refused with `IdempotencyKeyReused`.
   */
  readonly idempotencyKey?: string;
  /** Metadata stamped on every event the command produces (occurredAt, channel, actor, correlation…). */
  readonly metadata?: AppendMetadata;
  /** How many times to reload and decide again after a concurrency conflict; default 3. */
  readonly maxRetries?: number;
  /** Label used in validation messages for the command; default the command's `type`. */
  readonly commandName?: string;
  /**
   * Keeps the folded state between commands, so a command reads only the events since the last one: a long stream
   * costs about what a short one does. Results are the same with or without it.
   */
  readonly snapshots?: SnapshotStore<TState>;
  /**
   * The time a command without `metadata.occurredAt` is decided at (the store stamps its own time on its events):
   * give the store's clock; default the system clock.
   */
  readonly clock?: Clock;
}

/** What a command execution did. */
export interface CommandResult<TState> {
  readonly streamId: string;
  /** The events this command appended (or, for a duplicate, the events the first execution appended). */
  readonly events: readonly RecordedEvent[];
  /** The stream revision after the command; undefined when the stream still does not exist. */
  readonly nextExpectedRevision: bigint | undefined;
  /** The decider state after the command's events. */
  readonly state: TState;
  readonly duplicate: boolean;
}

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));

/**
 * Runs a command through a decider against one stream: load and fold, decide, append with the revision the
 * decision was made on, and on a concurrency conflict reload and decide again (bounded).
 *
 * @example
 * const result = await handleCommand(store, customerDecider, command, { streamId: customerStreamId('c-1') });
 */
export const handleCommand = async <TCommand, TState, TEvent extends DomainEvent>(
  store: EventStore,
  decider: Decider<TCommand, TState, TEvent>,
  command: TCommand,
  options: HandleCommandOptions<TState>,
): Promise<CommandResult<TState>> => {
  const name = options.commandName ?? (command as { type?: unknown })?.type;
  const parsed = decider.commandSchema
    ? parseAs(decider.commandSchema, command, typeof name === 'string' ? name : 'command')
    : command;
  deciderVersion(decider); // a bad version is a configuration error whether or not snapshots are kept
  const { streamId, idempotencyKey } = options;
  const maxRetries = options.maxRetries ?? 3;
  const clock = options.clock ?? systemClock;
  const occurredAt = givenOccurredAt(options.metadata);
  const metadata: AppendMetadata =
    idempotencyKey === undefined ? { ...options.metadata } : { ...options.metadata, idempotencyKey };
  for (let attempt = 0; ; attempt++) {
    const stream = await loadStream(store, decider, streamId, idempotencyKey, options.snapshots);
    const { state } = stream;
    if (stream.earlier.length > 0) {
      await assertRepeatedCommand(store, decider, {
        streamId,
        idempotencyKey: idempotencyKey!,
        command: parsed,
        metadata,
        earlier: stream.earlier,
      });
      return {
        streamId,
        events: stream.earlier,
        nextExpectedRevision: stream.revision,
        state,
        duplicate: true,
      };
    }
    const decided = decider.decide(parsed, state, {
      occurredAt: occurredAt ?? clock.now().toISOString(),
    });
    if (decided.length === 0) {
      return { streamId, events: [], nextExpectedRevision: stream.revision, state, duplicate: false };
    }
    try {
      const appended = await store.appendToStream(
        streamId,
        decided.map((event) => ({ type: event.type, data: event.data, metadata })),
        { expectedRevision: stream.exists ? stream.revision! : 'no_stream' },
      );
      if (appended.duplicate) continue; // a concurrent execution with our key won; the next loop reports its events
      const next = foldEvents(decider, appended.events, state);
      if (options.snapshots !== undefined && stream.keys !== undefined) {
        indexKeys(stream.keys, appended.events);
        await saveQuietly(options.snapshots, streamId, {
          deciderVersion: deciderVersion(decider),
          revision: appended.nextExpectedRevision,
          state: next,
          keys: stream.keys,
        });
      }
      return {
        streamId,
        events: appended.events,
        nextExpectedRevision: appended.nextExpectedRevision,
        state: next,
        duplicate: false,
      };
    } catch (error) {
      // a concurrent execution recorded our key first, from another state: the next load judges it from that state
      if (isIdempotencyKeyReused(error) && attempt < maxRetries) continue;
      if (!isConcurrencyConflict(error) || attempt >= maxRetries) throw error;
      await pause(attempt);
    }
  }
};
