import {
  type Clock,
  type EventRegistry,
  type EventStore,
  RapportError,
  systemClock,
  touchpointRegistry,
} from '@rapport/core';
import { type EventStoreDbClient as Client, connectClient, createClientGateway } from './internal/client';
import { createStoreOnGateway } from './internal/createStore';
import { defaultRetryPolicy } from './internal/retry';

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
  /** Records asked of the server per read when paging streams and `$all`; default 500. */
  readonly readPageSize?: number;
  readonly subscriptionRetry?: SubscriptionRetryOptions;
}

const integerOption = (name: string, value: number | undefined, fallback: number, min = 1): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new RapportError(
      'Configuration',
      `${name} must be an integer of at least ${min} (got ${String(value)})`,
    );
  }
  return value;
};

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
  if ((options.client === undefined) === (options.connectionString === undefined)) {
    throw new RapportError(
      'Configuration',
      'createEventStoreDbEventStore needs exactly one of client or connectionString',
    );
  }
  const retry = options.subscriptionRetry ?? {};
  const gateway =
    options.client === undefined
      ? createClientGateway(connectClient(options.connectionString!), true)
      : createClientGateway(options.client, false);
  return createStoreOnGateway(gateway, {
    registry: options.registry ?? touchpointRegistry,
    clock: options.clock ?? systemClock,
    tenantId: options.tenantId ?? 'default',
    pageSize: integerOption('readPageSize', options.readPageSize, 500),
    retry: {
      maxRetries: integerOption(
        'subscriptionRetry.maxRetries',
        retry.maxRetries,
        defaultRetryPolicy.maxRetries,
      ),
      initialDelayMs: integerOption(
        'subscriptionRetry.initialDelayMs',
        retry.initialDelayMs,
        defaultRetryPolicy.initialDelayMs,
      ),
      maxDelayMs: integerOption(
        'subscriptionRetry.maxDelayMs',
        retry.maxDelayMs,
        defaultRetryPolicy.maxDelayMs,
      ),
    },
  });
};
