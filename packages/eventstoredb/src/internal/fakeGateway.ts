import { concurrencyConflict, type ExpectedRevision, RapportError } from '@rapport/core';
import { createFakePersistent, type FakePersistent } from './fakePersistent';
import type {
  AllReadRequest,
  Gateway,
  RecordFeed,
  ServerFilter,
  StoredRecord,
  StreamReadRequest,
  SubscribeRequest,
  WireEvent,
} from './gateway';
import { isAfter } from './positions';

/** How the next subscription the fake opens misbehaves: it stops after `after` records, by `kind`. */
export interface SubscriptionFault {
  readonly after: number;
  /** `end`: the feed just ends (a silent drop); `error`: a transient error; `refuse`: fails before any record. */
  readonly kind: 'end' | 'error' | 'refuse';
}

/** A test double of EventStoreDB behind the gateway port, with its quirks and injectable faults. */
export interface FakeGateway extends Gateway {
  /** Every record in log order, system events included. */
  readonly log: readonly StoredRecord[];
  /** Faults applied to the next subscriptions, one per subscription opened. */
  readonly subscriptionFaults: SubscriptionFault[];
  /** On every resubscription from a position, first repeat this many records at or before it (a sloppy server). */
  replayOnResume: number;
  /** Makes the append to `streamId` fail once with `error`. */
  failAppendOnce(streamId: string, error: Error): void;
  /** Every `$all` read request, to check paging stays bounded. */
  readonly allReads: AllReadRequest[];
  subscriptionsOpened: number;
  readonly openFeeds: () => number;
  /** The fake's persistent subscriptions (pinned routing, redelivery, drops). */
  readonly persistent: FakePersistent;
}

/**
 * Builds the fake. Positions start high and grow with gaps, like commit positions; with `systemNoise`, every
 * append is followed by a `$>` link event in a `$ce-` stream and every third by a `$statsCollected` event.
 */
export const createFakeGateway = (options: { systemNoise?: boolean } = {}): FakeGateway => {
  const log: StoredRecord[] = [];
  const streams = new Map<string, StoredRecord[]>();
  const waiters = new Set<() => void>();
  const appendFailures = new Map<string, Error>();
  let nextPosition = 4_096n;
  let appends = 0;
  let feeds = 0;
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  const record = (streamId: string, event: Omit<WireEvent, 'metadata'> & { metadata: unknown }) => {
    const stream = streams.get(streamId) ?? [];
    streams.set(streamId, stream);
    const position = { commit: nextPosition, prepare: nextPosition };
    nextPosition += 97n + BigInt(JSON.stringify(event.data ?? null).length);
    const stored: StoredRecord = {
      id: event.id,
      type: event.type,
      streamId,
      revision: BigInt(stream.length),
      position,
      created: new Date(1_767_225_600_000 + log.length),
      data: structuredClone(event.data),
      metadata: structuredClone(event.metadata),
    };
    stream.push(stored);
    log.push(stored);
    return stored;
  };

  const idempotentAt = (stream: StoredRecord[], events: readonly WireEvent[], from: number) =>
    events.every((event, i) => stream[from + i]?.id === event.id);

  const append = async (streamId: string, events: readonly WireEvent[], expected: ExpectedRevision) => {
    await tick();
    const failure = appendFailures.get(streamId);
    if (failure) {
      appendFailures.delete(streamId);
      throw failure;
    }
    const stream = streams.get(streamId) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    const firstId = events[0]?.id;
    const at = stream.findIndex((stored) => stored.id === firstId);
    const from = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : at;
    if (at >= 0 && at === from && idempotentAt(stream, events, at)) {
      return { nextExpectedRevision: BigInt(at + events.length - 1), position: undefined };
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      expected === current;
    if (!ok) {
      throw concurrencyConflict({
        streamId,
        expectedRevision: String(expected),
        actualRevision: current === undefined ? 'no_stream' : current.toString(),
      });
    }
    const written = events.map((event) => record(streamId, event));
    if (options.systemNoise) {
      for (const stored of written) {
        record(`$ce-${streamId.split('-')[0]}`, {
          id: crypto.randomUUID(),
          type: '$>',
          data: `${stored.revision}@${streamId}`,
          metadata: {},
        });
      }
      if (++appends % 3 === 0) {
        record('$stats-127.0.0.1:2113', {
          id: crypto.randomUUID(),
          type: '$statsCollected',
          data: {},
          metadata: {},
        });
      }
    }
    for (const wake of [...waiters]) wake();
    persistent.dispatch();
    const last = written.at(-1)!;
    return { nextExpectedRevision: last.revision, position: last.position };
  };

  const readStream = async (streamId: string, request: StreamReadRequest) => {
    await tick();
    const stream = streams.get(streamId);
    if (stream === undefined) return 'no_stream' as const;
    if (request.direction === 'forwards') {
      const from =
        request.from === 'start' ? 0 : request.from === 'end' ? stream.length : Number(request.from);
      return stream.slice(from, from + request.maxCount);
    }
    // like the server's index range read: backwards from a revision past the end finds only what is in range
    const top = request.from === 'end' ? stream.length - 1 : Number(request.from);
    return stream.slice(Math.max(0, top - request.maxCount + 1), top + 1).reverse();
  };

  const readAll = async (request: AllReadRequest) => {
    await tick();
    allReads.push(request);
    const { from } = request;
    if (request.direction === 'forwards') {
      const start =
        from === 'start'
          ? 0
          : from === 'end'
            ? log.length
            : log.findIndex((r) => !isAfter(from, r.position!));
      return start < 0 ? [] : log.slice(start, start + request.maxCount);
    }
    const before =
      from === 'end' ? log : log.filter((r) => (from === 'start' ? false : isAfter(from, r.position!)));
    return before.slice(-request.maxCount).reverse();
  };

  const passes = (filter: ServerFilter | undefined, stored: StoredRecord) => {
    if (filter === undefined) return true;
    const value = filter.on === 'eventType' ? stored.type : stored.streamId;
    return 'regex' in filter
      ? new RegExp(filter.regex).test(value)
      : filter.prefixes.some((p) => value.startsWith(p));
  };

  const subscribeToAll = (request: SubscribeRequest): RecordFeed => {
    const fault = fake.subscriptionFaults.shift();
    fake.subscriptionsOpened++;
    let closed = false;
    let wake: (() => void) | undefined;
    feeds++;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          await tick();
          if (fault?.kind === 'refuse')
            throw new RapportError('StoreUnavailable', 'fake: connection refused');
          let index = request.from === 'start' ? 0 : log.findIndex((r) => isAfter(r.position!, request.from));
          if (index < 0) index = log.length;
          if (request.from !== 'start') index = Math.max(0, index - fake.replayOnResume);
          let delivered = 0;
          while (!closed) {
            while (index < log.length && !closed) {
              const stored = log[index++]!;
              if (!passes(request.filter, stored)) continue;
              if (fault !== undefined && delivered >= fault.after) {
                if (fault.kind === 'end') return;
                throw new RapportError('StoreUnavailable', 'fake: connection lost');
              }
              delivered++;
              yield stored;
            }
            if (closed) break;
            await new Promise<void>((resolve) => {
              wake = resolve;
              waiters.add(resolve);
            });
            if (wake) waiters.delete(wake);
          }
        } finally {
          closed = true;
          feeds--;
        }
      },
      async close() {
        closed = true;
        wake?.();
      },
    };
  };

  const allReads: AllReadRequest[] = [];
  const persistent = createFakePersistent(log);
  const fake: FakeGateway = {
    log,
    subscriptionFaults: [],
    replayOnResume: 0,
    allReads,
    subscriptionsOpened: 0,
    openFeeds: () => feeds,
    failAppendOnce: (streamId, error) => appendFailures.set(streamId, error),
    append,
    readStream,
    readAll,
    subscribeToAll,
    persistent,
    ensurePersistentSubscriptionToAll: (group, settings) => persistent.ensure(group, settings),
    subscribeToPersistentSubscriptionToAll: (group, options) => persistent.subscribe(group, options),
    deletePersistentSubscriptionToAll: (group) => persistent.delete(group),
    dispose: async () => {
      for (const wakeUp of [...waiters]) wakeUp();
    },
  };
  return fake;
};
