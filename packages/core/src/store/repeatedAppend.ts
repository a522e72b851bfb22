import { idempotencyKeyReused } from '../errors/guards';
import { jsonDifference } from '../internal/jsonDifference';
import type { AppendMetadata, EventToAppend, RecordedEvent } from './envelope';
import type { AppendResult } from './eventStore';
import type { PreparedEvent } from './prepareEvents';

/** An event of an append that repeats an idempotency key, as compared with what was first recorded under it. */
export interface RepeatedEvent {
  readonly type: string;
  readonly data: unknown;
  /** The schema version of `data`; default the recorded event's. */
  readonly schemaVersion?: number;
  /** The metadata the caller gave (a missing `occurredAt` means the store's default, and matches any). */
  readonly metadata?: Pick<AppendMetadata, 'customerId' | 'channel' | 'source' | 'occurredAt'>;
}

/** The metadata that states the fact, compared exactly; the request's own (actor, correlation, causation) is not. */
const FACT_FIELDS = ['customerId', 'channel', 'source'] as const;

const instant = (time: string | Date): number =>
  typeof time === 'string' ? Date.parse(time) : time.getTime();

/**
 * Where a repeated append first differs from the events recorded under its idempotency key (`events`,
 * `events[1].data.total`, `events[0].metadata.channel`…), or undefined when it repeats them. Compared, in every
 * event and in order: the type, the data (lifted to one schema version by `lift` when the two differ) and the
 * metadata that states the fact (`customerId`, `channel`, `source`, and `occurredAt` when the repeat gives one).
 * Ids, `recordedAt` and the request's own metadata (`actor`, `correlationId`, `causationId`) may change on a retry.
 */
export const appendDifference = (
  recorded: readonly RecordedEvent[],
  repeated: readonly RepeatedEvent[],
  lift: (event: RecordedEvent) => RecordedEvent = (event) => event,
): string | undefined => {
  if (recorded.length !== repeated.length) return 'events';
  for (let index = 0; index < recorded.length; index++) {
    const root = `events[${index}]`;
    const first = recorded[index]!;
    const again = repeated[index]!;
    if (first.type !== again.type) return `${root}.type`;
    const version = again.schemaVersion ?? first.metadata.schemaVersion;
    const [was, is] =
      version === first.metadata.schemaVersion
        ? [first.data, again.data]
        : [
            lift(first).data,
            lift({ ...first, data: again.data, metadata: { ...first.metadata, schemaVersion: version } })
              .data,
          ];
    const data = jsonDifference(was, is, `${root}.data`);
    if (data !== undefined) return data;
    const given = again.metadata ?? {};
    for (const field of FACT_FIELDS) {
      if (first.metadata[field] !== given[field]) return `${root}.metadata.${field}`;
    }
    if (
      given.occurredAt !== undefined &&
      instant(given.occurredAt) !== Date.parse(first.metadata.occurredAt)
    ) {
      return `${root}.metadata.occurredAt`;
    }
  }
  return undefined;
};

/** The repeated events of an append the store validated: its data as validated, the metadata as given. */
const repeatedOf = (prepared: readonly PreparedEvent[], given: readonly EventToAppend[]): RepeatedEvent[] =>
  prepared.map(({ type, data, metadata }, index) => {
    const { occurredAt: _defaulted, ...untimed } = metadata;
    const timed = given[index]?.metadata?.occurredAt !== undefined;
    return { type, data, schemaVersion: metadata.schemaVersion, metadata: timed ? metadata : untimed };
  });

/** What a store knows when a valid append repeats an idempotency key already used on the stream. */
export interface RepeatedAppend {
  readonly streamId: string;
  readonly idempotencyKey: string;
  /** The events recorded by the append that first carried the key, in stream order. */
  readonly recorded: readonly RecordedEvent[];
  /** The events of the repeated append, as the caller gave them. */
  readonly events: readonly EventToAppend[];
  /** The same events validated and stamped, as for any append. */
  readonly prepared: readonly PreparedEvent[];
  /** Lifts a recorded event to the current schema version (the registry's upcast). */
  readonly lift?: (event: RecordedEvent) => RecordedEvent;
}

/**
 * For stores: throws `IdempotencyKeyReused` unless a valid append is the one first recorded under its key (see
 * `appendDifference`). Appends are validated before their key is looked up, so invalid events fail as invalid.
 */
export const assertRepeatedAppend = (repeat: RepeatedAppend): void => {
  const { streamId, idempotencyKey, recorded } = repeat;
  const difference = appendDifference(recorded, repeatedOf(repeat.prepared, repeat.events), repeat.lift);
  if (difference === undefined) return;
  throw idempotencyKeyReused({
    idempotencyKey,
    streamId,
    difference,
    firstRevision: String(recorded[0]?.streamPosition),
    lastRevision: String(recorded.at(-1)?.streamPosition),
  });
};

/** For stores: the result of an append that recorded `events` (non-empty, in stream order). */
export const appendResultOf = (
  streamId: string,
  events: readonly RecordedEvent[],
  duplicate: boolean,
): AppendResult => {
  const last = events.at(-1)!;
  return {
    streamId,
    nextExpectedRevision: last.streamPosition,
    lastGlobalPosition: last.globalPosition,
    events,
    duplicate,
  };
};
