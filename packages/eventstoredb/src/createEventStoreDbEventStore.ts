import {
  type Clock,
  type EventRegistry,
  type EventStore,
  maxReadAllCount,
  readOptions,
  resolveStoreOptions,
} from '@rapport/core';
import { type EventStoreDbClient as Client, createClientGateway } from './internal/client';
import { resolveClient } from './internal/clientOption';
import { createStoreOnGateway } from './internal/createStore';
import { resolveRetry } from './internal/retry';

/** The `@eventstore/db-client` client the store accepts. */
export type EventStoreDbClient = Client;

/** How a subscription resumes after the server or the connection drops it. */
export interface SubscriptionRetryOptions {
  /** Consecutive failed attempts before the error reaches the subscriber; default 10. */
  readonly maxRetries?: number;
  /** First back-off in ms, doubled per attempt; default 250. */
  readonly initialDelayMs?: number;
  /** Longest back-off in ms; default 10 000. */
  readonly maxDelayMs?: number;
}

/** Options of the EventStoreDB store: give a `client` you own, or a `connectionString` the store owns. */
export interface EventStoreDbEventStoreOptions {
  /** A client you manage; `close()` leaves it open. */
  readonly client?: EventStoreDbClient;
  /** For example `esdb://localhost:2113?tls=false`; the store opens the client and `close()` disposes it. */
  readonly connectionString?: string;
  /** Validates appended events and lifts old versions on read; default the touchpoint catalog, `false` accepts any JSON. */
  readonly registry?: EventRegistry | false;
  /** Source of `recordedAt`; default the system clock. */
  readonly clock?: Clock;
  /** Tenant stamped on every event (and assumed for events written by other tools); default `'default'`. */
  readonly tenantId?: string;
  /** How far an event's `occurredAt` may lead the moment it is recorded; an append beyond it is refused. Default 5 minutes. */
  readonly futureToleranceMs?: number;
  /** Records asked of the server per read when paging streams and `$all`; default 500. */
  readonly readPageSize?: number;
  readonly subscriptionRetry?: SubscriptionRetryOptions;
}

/**
 * An `EventStore` on EventStoreDB. Same contract as the in-memory store, with two documented differences:
 * `globalPosition` is the `$all` commit position (increasing, with gaps), and `appendToStreams` is not atomic
 * across streams (see `PartialAppendError`).
 *
 * @example
 * const store = createEventStoreDbEventStore({ connectionString: 'esdb://localhost:2113?tls=false' });
 * await store.appendToStream('customer-c1', [{ type: 'TagAdded', data: { tag: 'vip' } }]);
 */
export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStore => {
  const factory = 'createEventStoreDbEventStore';
  const read = readOptions(factory, options);
  const config = {
    ...resolveStoreOptions(factory, options),
    pageSize: read.integer('readPageSize', 500, { min: 1, max: maxReadAllCount }),
    retry: resolveRetry(read.nested('subscriptionRetry')),
  };
  const { client, owned } = resolveClient(read);
  return createStoreOnGateway(createClientGateway(client, owned), config);
};
