import { idempotencyKeyReused } from '../errors/guards';
import type { DomainEvent } from '../registry/defineEvent';
import type { AppendMetadata, RecordedEvent } from '../store/envelope';
import type { EventStore } from '../store/eventStore';
import { appendDifference } from '../store/repeatedAppend';
import { type Decider, foldEvents } from './decider';

/** What a command that repeats an idempotency key is checked against: the events its key recorded, and where. */
export interface RepeatedCommand<TCommand> {
  readonly streamId: string;
  readonly idempotencyKey: string;
  readonly command: TCommand;
  /** The metadata the command would stamp on its events. */
  readonly metadata: AppendMetadata;
  /** The events an earlier execution with the key appended (non-empty, in stream order). */
  readonly earlier: readonly RecordedEvent[];
}

/**
 * Throws `IdempotencyKeyReused` unless a command repeating an idempotency key is the command that recorded the
 * key's events: decided again on the state they were decided on (the stream up to the first of them) and at the
 * time they were recorded with, it must yield the same events with the same fact metadata (see
 * `appendDifference`). A decider is pure, so a true retry always does; another command or payload does not (or is
 * refused by the rules on that state). Costs a read of the stream up to the earlier events, on the duplicate path
 * only.
 */
export const assertRepeatedCommand = async <TCommand, TState, TEvent extends DomainEvent>(
  store: EventStore,
  decider: Decider<TCommand, TState, TEvent>,
  repeat: RepeatedCommand<TCommand>,
): Promise<void> => {
  const { streamId, idempotencyKey, earlier } = repeat;
  const first = earlier[0]!.streamPosition;
  const refuse = (difference: string, cause?: unknown) =>
    idempotencyKeyReused(
      {
        idempotencyKey,
        streamId,
        difference,
        firstRevision: String(first),
        lastRevision: String(earlier.at(-1)!.streamPosition),
      },
      cause,
    );
  const before = first === 0n ? [] : (await store.readStream(streamId, { maxCount: Number(first) })).events;
  let decided: readonly TEvent[];
  try {
    decided = decider.decide(repeat.command, foldEvents(decider, before), {
      occurredAt: earlier[0]!.metadata.occurredAt,
    });
  } catch (error) {
    throw refuse('events', error);
  }
  const difference = appendDifference(
    earlier,
    decided.map((event) => ({ type: event.type, data: event.data, metadata: repeat.metadata })),
  );
  if (difference !== undefined) throw refuse(difference);
};
