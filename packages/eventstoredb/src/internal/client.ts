/**
 * With `clientErrors.ts`, the only modules that touch `@eventstore/db-client`. Switching to
 * `@kurrent/kurrentdb-client` (same shape; `expectedRevision` became `streamState`) changes these two files only.
 */
import {
  ANY,
  BACKWARDS,
  type AppendExpectedRevision as ClientExpectedRevision,
  type Filter as ClientFilter,
  type PersistentSubscriptionToAllResolvedEvent as ClientPersistentEvent,
  type Position as ClientPosition,
  type ResolvedEvent as ClientResolvedEvent,
  DISPATCH_TO_SINGLE,
  END,
  ErrorType,
  EventStoreDBClient,
  eventTypeFilter,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  PARK,
  PINNED,
  persistentSubscriptionToAllSettingsFromDefaults,
  RETRY,
  ROUND_ROBIN,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from '@eventstore/db-client';
import { concurrencyConflict, type ExpectedRevision } from '@rapport/core';
import { describeActual, describeExpected, errorType, isMissingStream, mapClientError } from './clientErrors';
import type {
  ConsumerStrategy,
  Gateway,
  LogPosition,
  PersistentDelivery,
  PersistentFeed,
  RecordFeed,
  ServerFilter,
  StoredRecord,
  WireEvent,
} from './gateway';

export { type ErrorContext, mapClientError } from './clientErrors';

/** The client type callers may hand to the adapter. */
export type EventStoreDbClient = EventStoreDBClient;

/** Opens a client from a connection string such as `esdb://localhost:2113?tls=false`. */
export const connectClient = (connectionString: string): EventStoreDBClient =>
  EventStoreDBClient.connectionString(connectionString);

/** Rapport's expected revision in the client's terms (the same four cases). */
export const toClientExpectedRevision = (expected: ExpectedRevision): ClientExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
};

/** A neutral server filter as the client's filter object. */
export const toClientFilter = (filter: ServerFilter): ClientFilter => {
  const make = filter.on === 'eventType' ? eventTypeFilter : streamNameFilter;
  return 'regex' in filter ? make({ regex: filter.regex }) : make({ prefixes: [...filter.prefixes] });
};

/** Client 6.2.1 maps only these three names (`PinnedByCorrelation` would silently fall back to the server default). */
const strategies: Record<ConsumerStrategy, string> = {
  pinned: PINNED,
  roundRobin: ROUND_ROBIN,
  dispatchToSingle: DISPATCH_TO_SINGLE,
};

const toClientPosition = (position: LogPosition): ClientPosition => ({
  commit: position.commit,
  prepare: position.prepare,
});

/** A client read result as a neutral record; undefined when it carries no event (an unresolved link). */
export const toStoredRecord = (resolved: ClientResolvedEvent): StoredRecord | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position === undefined ? undefined : { ...event.position },
    created: event.created,
    data: event.data,
    metadata: event.metadata,
  };
};

const toClientEvent = (event: WireEvent) =>
  jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>, // any JSON value: the client JSON.stringifies it
    metadata: event.metadata,
  });

const collect = async (read: AsyncIterable<ClientResolvedEvent>): Promise<StoredRecord[]> => {
  const out: StoredRecord[] = [];
  for await (const resolved of read) {
    const record = toStoredRecord(resolved);
    if (record !== undefined) out.push(record);
  }
  return out;
};

/**
 * A `Gateway` over a real client. Reads are always bounded (`maxCount`) and consumed by async iteration;
 * subscriptions are async-iterated too (never `on('data')`, which ignores backpressure).
 */
export const createClientGateway = (client: EventStoreDBClient, owned: boolean): Gateway => ({
  async append(streamId, events, expected) {
    const context = { operation: 'append', streamId, expected };
    let result: Awaited<ReturnType<EventStoreDBClient['appendToStream']>>;
    try {
      result = await client.appendToStream(streamId, events.map(toClientEvent), {
        expectedRevision: toClientExpectedRevision(expected),
      });
    } catch (error) {
      throw mapClientError(error, context);
    }
    if (!result.success) {
      // a client built with throwOnAppendFailure: false reports the conflict instead of throwing it
      throw concurrencyConflict({
        streamId,
        expectedRevision: describeExpected(expected),
        actualRevision: describeActual(result.nextExpectedRevision),
      });
    }
    return {
      nextExpectedRevision: result.nextExpectedRevision,
      position: result.position === undefined ? undefined : { ...result.position },
    };
  },

  async readStream(streamId, request) {
    try {
      return await collect(
        client.readStream(streamId, {
          direction: request.direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromRevision: request.from === 'start' ? START : request.from === 'end' ? END : request.from,
          maxCount: BigInt(request.maxCount),
        }),
      );
    } catch (error) {
      if (isMissingStream(error)) return 'no_stream';
      throw mapClientError(error, { operation: 'read', streamId });
    }
  },

  async readAll(request) {
    try {
      return await collect(
        client.readAll({
          direction: request.direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromPosition:
            request.from === 'start' ? START : request.from === 'end' ? END : toClientPosition(request.from),
          maxCount: BigInt(request.maxCount),
        }),
      );
    } catch (error) {
      throw mapClientError(error, { operation: 'read of $all' });
    }
  },

  subscribeToAll(request): RecordFeed {
    const subscription = client.subscribeToAll({
      fromPosition: request.from === 'start' ? START : toClientPosition(request.from),
      ...(request.filter === undefined ? {} : { filter: toClientFilter(request.filter) }),
    });
    let closed = false;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          for await (const resolved of subscription) {
            const record = toStoredRecord(resolved);
            if (record !== undefined) yield record;
          }
        } catch (error) {
          if (closed) return;
          throw mapClientError(error, { operation: 'subscription to $all' });
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        // unsubscribe cancels the gRPC call; the client swallows that cancellation without ending the
        // readable, so destroy it too or a pending iteration would wait forever
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      },
    };
  },

  async ensurePersistentSubscriptionToAll(group, settings) {
    const { from, filter } = settings;
    try {
      await client.createPersistentSubscriptionToAll(
        group,
        persistentSubscriptionToAllSettingsFromDefaults({
          consumerStrategyName: strategies[settings.strategy],
          startFrom: from === 'start' ? START : from === 'end' ? END : toClientPosition(from),
          messageTimeout: settings.messageTimeoutMs,
          maxRetryCount: settings.maxRetryCount,
          resolveLinkTos: false,
        }),
        filter === undefined ? {} : { filter: toClientFilter(filter) },
      );
      return 'created';
    } catch (error) {
      if (errorType(error) === ErrorType.PERSISTENT_SUBSCRIPTION_EXISTS) return 'exists';
      throw mapClientError(error, { operation: `creation of persistent subscription ${group}` });
    }
  },

  subscribeToPersistentSubscriptionToAll(group, options): PersistentFeed {
    const subscription = client.subscribeToPersistentSubscriptionToAll(group, {
      bufferSize: options.bufferSize,
    });
    const operation = `persistent subscription ${group}`;
    // the client acks by the resolved event it delivered: keep each one under its ack id
    const delivered = new Map<string, ClientPersistentEvent>();
    const resolvedOf = (deliveries: readonly PersistentDelivery[]) =>
      deliveries.flatMap((delivery) => {
        const resolved = delivered.get(delivery.ackId);
        delivered.delete(delivery.ackId);
        return resolved === undefined ? [] : [resolved];
      });
    let closed = false;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          for await (const resolved of subscription) {
            const ackId = resolved.link?.id ?? resolved.event?.id;
            if (ackId === undefined) continue;
            delivered.set(ackId, resolved);
            yield { record: toStoredRecord(resolved), ackId, retryCount: resolved.retryCount };
          }
        } catch (error) {
          if (closed) return;
          throw mapClientError(error, { operation });
        }
      },
      async ack(deliveries) {
        const events = resolvedOf(deliveries);
        if (events.length === 0) return;
        await subscription.ack(...events).catch((error: unknown) => {
          throw mapClientError(error, { operation: `ack on ${operation}` });
        });
      },
      async nack(action, reason, deliveries) {
        const events = resolvedOf(deliveries);
        if (events.length === 0) return;
        await subscription
          .nack(action === 'park' ? PARK : RETRY, reason, ...events)
          .catch((error: unknown) => {
            throw mapClientError(error, { operation: `nack on ${operation}` });
          });
      },
      async close() {
        if (closed) return;
        closed = true;
        delivered.clear();
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      },
    };
  },

  async deletePersistentSubscriptionToAll(group) {
    try {
      await client.deletePersistentSubscriptionToAll(group);
    } catch (error) {
      if (errorType(error) === ErrorType.PERSISTENT_SUBSCRIPTION_DOES_NOT_EXIST) return;
      throw mapClientError(error, { operation: `deletion of persistent subscription ${group}` });
    }
  },

  async dispose() {
    if (owned) await client.dispose();
  },
});
