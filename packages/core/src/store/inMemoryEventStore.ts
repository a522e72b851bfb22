import { Observable } from 'rxjs';
import type { Clock } from '../clock';
import { RapportError } from '../errors/rapportError';
import { ValidationError } from '../errors/validationError';
import { deepFreeze } from '../internal/deepFreeze';
import type { EventRegistry } from '../registry/eventRegistry';
import { renderValue } from '../schema/zodIssues';
import { assertBulkAppends, assertBulkEntry } from './bulkEntry';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from './envelope';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
  StreamAppend,
  SubscribeOptions,
} from './eventStore';
import { assertExpectedRevision, assertExpectedRevisionShape } from './expectedRevision';
import { assertStreamId, type PreparedEvent, prepareBatch, recordedAtBy } from './prepareEvents';
import { normalizeFilter, normalizeReadAllOptions, normalizeReadStreamOptions } from './readOptions';
import { assertRepeatedAppend } from './repeatedAppend';
import { assertOptionBag, resolveStoreOptions } from './storeOptions';

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions {
  /** Validates appended events; default the built-in touchpoint catalog, `false` accepts any type with JSON data. */
  readonly registry?: EventRegistry | false;
  /** Source of `recordedAt`; default the system clock. */
  readonly clock?: Clock;
  /** Tenant stamped on every event; default `'default'`. */
  readonly tenantId?: string;
  /** How far an event's `occurredAt` may lead the moment it is recorded; default 5 minutes. */
  readonly futureToleranceMs?: number;
}

const CATCH_UP_CHUNK = 2_000;

const suppliesId = (events: readonly EventToAppend[]): boolean => {
  for (let i = 0; i < events.length; i++) if (events[i]?.id !== undefined) return true;
  return false;
};

/**
 * An `EventStore` held in process memory: the embedded default and the store domain tests run on.
 * Appends are atomic and validated; recorded events are deeply frozen, so readers can never alter history.
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  const { registry, clock, tenantId, futureToleranceMs } = resolveStoreOptions(
    'createInMemoryEventStore',
    options,
  );
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const idempotent = new Map<string, AppendResult>();
  const liveListeners = new Set<() => void>();
  const closers = new Set<() => void>();
  let flushScheduled = false;
  let closed = false;

  const lift =
    registry !== false && registry.hasUpcasters
      ? (event: RecordedEvent) => registry.upcast(event)
      : (event: RecordedEvent) => event;

  const ensureOpen = () => {
    if (closed) throw new RapportError('StoreUnavailable', 'the in-memory event store is closed');
  };

  const scheduleFlush = () => {
    if (flushScheduled || liveListeners.size === 0) return;
    flushScheduled = true;
    queueMicrotask(() => {
      flushScheduled = false;
      for (const listener of liveListeners) listener();
    });
  };

  type Plan =
    | { readonly kind: 'duplicate'; readonly result: AppendResult }
    | {
        readonly kind: 'write';
        readonly streamId: string;
        readonly prepared: PreparedEvent[];
        readonly keyId?: string;
      };

  /** Validates one stream's append against the current state without writing anything. */
  const plan = (
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    recordedAt: string,
  ): Plan => {
    let stream = streams.get(streamId);
    // a stream that exists has a good name: only a new one needs the check
    if (stream === undefined) assertStreamId(streamId);
    assertExpectedRevisionShape(expected);
    if (!Array.isArray(events) || events.length === 0) {
      throw new ValidationError([{ path: 'events', rule: 'must be a non-empty array of events' }]);
    }
    const prepared = prepareBatch(events, registry, recordedAt, tenantId, futureToleranceMs);
    const key = prepared[0]?.metadata.idempotencyKey;
    const keyId = key === undefined ? undefined : `${streamId}\u0000${key}`;
    const prior = keyId === undefined ? undefined : idempotent.get(keyId);
    if (prior) {
      assertRepeatedAppend({
        streamId,
        idempotencyKey: key!,
        recorded: prior.events,
        events,
        prepared,
        lift,
      });
      return { kind: 'duplicate', result: { ...prior, duplicate: true } };
    }
    assertNewIds(events, prepared);
    if (expected !== 'any') {
      stream = streams.get(streamId);
      assertExpectedRevision(
        streamId,
        expected,
        stream === undefined ? undefined : BigInt(stream.length - 1),
      );
    }
    return keyId === undefined
      ? { kind: 'write', streamId, prepared }
      : { kind: 'write', streamId, prepared, keyId };
  };

  // Event ids are unique across the store. Generated uuid v7 ids cannot collide, so the index of ids is built
  // only once a caller supplies its own id, and kept up to date from then on.
  let ids: Set<string> | undefined;
  const assertNewIds = (events: readonly EventToAppend[], prepared: readonly PreparedEvent[]) => {
    if (ids === undefined && !suppliesId(events)) return;
    ids ??= new Set(log.map((event) => event.id));
    const batch = new Set<string>();
    prepared.forEach((event, index) => {
      if (ids!.has(event.id) || batch.has(event.id)) {
        const root = prepared.length === 1 ? event.type : `events[${index}]`;
        throw new ValidationError([
          {
            path: `${root}.id`,
            rule: 'must be unique: an event with this id is already recorded',
            got: event.id,
          },
        ]);
      }
      batch.add(event.id);
    });
  };

  /** Writes a validated plan; synchronous, so a batch of plans is written without interleaving. */
  const write = (planned: Plan): AppendResult => {
    if (planned.kind === 'duplicate') return planned.result;
    const { streamId, prepared, keyId } = planned;
    let target = streams.get(streamId);
    const written = new Array<RecordedEvent>(prepared.length);
    let recorded: RecordedEvent | undefined;
    for (let index = 0; index < prepared.length; index++) {
      const event = prepared[index]!;
      // metadata holds only strings and numbers: a shallow freeze is a deep one, and cheaper
      recorded = Object.freeze({
        id: event.id,
        type: event.type,
        data: deepFreeze(event.data),
        streamId,
        streamPosition: BigInt(target === undefined ? 0 : target.length),
        globalPosition: BigInt(log.length + 1),
        metadata: Object.freeze(event.metadata),
      });
      if (target === undefined) {
        // a new stream starts at its exact size: many streams hold one event, and `[]` would reserve sixteen
        target = [recorded];
        streams.set(streamId, target);
      } else target.push(recorded);
      log.push(recorded);
      ids?.add(recorded.id);
      written[index] = recorded;
    }
    // the last event's positions are the stream's revision and the log's head (bigints are immutable, so shared)
    const result: AppendResult = {
      streamId,
      nextExpectedRevision: recorded!.streamPosition,
      lastGlobalPosition: recorded!.globalPosition,
      events: written,
      duplicate: false,
    };
    if (keyId !== undefined) idempotent.set(keyId, result);
    scheduleFlush();
    return result;
  };

  const appendToStream = async (
    streamId: string,
    events: readonly EventToAppend[],
    appendOptions?: AppendOptions,
  ): Promise<AppendResult> => {
    ensureOpen();
    assertOptionBag(appendOptions, 'options');
    return write(plan(streamId, events, appendOptions?.expectedRevision ?? 'any', recordedAtBy(clock)));
  };

  const appendToStreams = async (appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> => {
    ensureOpen();
    assertBulkAppends(appends);
    const seen = new Set<string>();
    const recordedAt = recordedAtBy(clock);
    const plans = appends.map((entry, index) => {
      const append = assertBulkEntry(entry, index, seen);
      return plan(append.streamId, append.events, append.expectedRevision ?? 'any', recordedAt);
    });
    return plans.map(write);
  };

  const readStream = async (streamId: string, readOptions?: ReadStreamOptions): Promise<ReadStreamResult> => {
    ensureOpen();
    assertStreamId(streamId);
    const { direction, maxCount, fromRevision, until } = normalizeReadStreamOptions(readOptions);
    const stream = streams.get(streamId);
    if (!stream) return { streamId, exists: false, revision: undefined, events: [] };
    const out: RecordedEvent[] = [];
    const take = (event: RecordedEvent) => {
      if (until === undefined || event.metadata.occurredAt <= until) out.push(lift(event));
    };
    if (direction === 'forwards') {
      for (
        let i = fromRevision === undefined ? 0 : Number(fromRevision);
        i < stream.length && out.length < maxCount;
        i++
      ) {
        take(stream[i]!);
      }
    } else {
      const start =
        fromRevision === undefined ? stream.length - 1 : Math.min(Number(fromRevision), stream.length - 1);
      for (let i = start; i >= 0 && out.length < maxCount; i--) take(stream[i]!);
    }
    return { streamId, exists: true, revision: BigInt(stream.length - 1), events: out };
  };

  const readAll = async (readOptions?: ReadAllOptions): Promise<ReadAllResult> => {
    ensureOpen();
    const { after, maxCount, types, streamPrefix } = normalizeReadAllOptions(readOptions);
    const out: RecordedEvent[] = [];
    let index = Number(after);
    for (; index < log.length && out.length < maxCount; index++) {
      const event = log[index]!;
      if ((types === undefined || types.has(event.type)) && event.streamId.startsWith(streamPrefix))
        out.push(lift(event));
    }
    const lastPosition = index > Number(after) ? BigInt(index) : after;
    return { events: out, lastPosition, isEnd: index >= log.length };
  };

  const subscribeToAll = (subscribeOptions: SubscribeOptions = {}): Observable<RecordedEvent> => {
    assertOptionBag(subscribeOptions, 'options');
    const after = subscribeOptions.after ?? 0n;
    if (typeof after !== 'bigint' || after < 0n) {
      throw new ValidationError([
        { path: 'after', rule: 'must be a non-negative bigint', got: renderValue(after) },
      ]);
    }
    const { types, streamPrefix } = normalizeFilter(subscribeOptions);
    return new Observable<RecordedEvent>((subscriber) => {
      let cursor = Number(after);
      let stopped = false;
      const deliverUpTo = (end: number) => {
        for (; cursor < end && !stopped; cursor++) {
          const event = log[cursor]!;
          if ((types === undefined || types.has(event.type)) && event.streamId.startsWith(streamPrefix)) {
            subscriber.next(lift(event));
          }
        }
      };
      const live = () => deliverUpTo(log.length);
      const complete = () => subscriber.complete();
      const catchUp = () => {
        if (stopped) return;
        if (closed) return complete();
        deliverUpTo(Math.min(log.length, cursor + CATCH_UP_CHUNK));
        if (stopped) return;
        // hand-over: in one synchronous step we see the end of the log and start listening, so no append slips between
        if (cursor >= log.length) {
          liveListeners.add(live);
          closers.add(complete);
        } else setImmediate(catchUp);
      };
      setImmediate(catchUp);
      return () => {
        stopped = true;
        liveListeners.delete(live);
        closers.delete(complete);
      };
    });
  };

  return {
    registry: registry === false ? undefined : registry,
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    subscribeToAll,
    headPosition: async () => BigInt(log.length),
    close: async () => {
      closed = true;
      for (const close of [...closers]) close();
      liveListeners.clear();
      closers.clear();
    },
  };
};
