import {
  type EventRegistry,
  type EventStore,
  type EventToAppend,
  isConcurrencyConflict,
  isValidationError,
  type RecordedEvent,
} from '@rapport/core';

/** What the contract suite needs from an adapter: a way to make a store, and what the store can promise. */
export interface EventStoreContractOptions {
  /** Creates a store for one test; `registry` is what the test needs the store to validate with. */
  readonly create: (config: { readonly registry: EventRegistry | false }) => Promise<{
    readonly store: EventStore;
    readonly teardown?: () => Promise<void>;
  }>;
  /** False for stores that cannot write several streams in one transaction (EventStoreDB). Default true. */
  readonly atomicMultiStreamAppend?: boolean;
  /** False for stores that do not enforce event-id uniqueness across streams (EventStoreDB). Default true. */
  readonly uniqueEventIds?: boolean;
  /** Per-test timeout in ms for stores on a network; default 20 s. */
  readonly timeout?: number;
}

/** Everything a contract test needs: a fresh store, a unique stream prefix, and helpers. */
export interface ContractHarness {
  readonly options: EventStoreContractOptions;
  /** Runs `body` against a fresh store, tearing it down afterwards. */
  withStore(
    body: (store: EventStore, prefix: string) => Promise<void>,
    registry?: EventRegistry | false,
  ): Promise<void>;
}

let counter = 0;

/** A stream-name prefix unique to one test, so tests can share a server (EventStoreDB) without seeing each other. */
export const uniquePrefix = (): string =>
  `t${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}-`;

/** A valid test event of a type the store does not validate (`registry: false`). */
export const testEvent = (n: number, type = 'TestHappened'): EventToAppend => ({ type, data: { n } });

/** Reads every event whose stream starts with `prefix`, paging through the whole log. */
export const readAllWithPrefix = async (
  store: EventStore,
  prefix: string,
  pageSize = 7,
): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize, streamPrefix: prefix });
    out.push(...page.events);
    if (page.isEnd) return out;
    after = page.lastPosition;
  }
};

/** Expects `promise` to reject with a concurrency conflict. */
export const expectConflict = async (promise: Promise<unknown>): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isConcurrencyConflict(error)) throw new Error(`expected a ConcurrencyConflict, got ${String(error)}`);
};

/** Expects `promise` to reject with a validation error whose message contains `fragment`. */
export const expectValidation = async (promise: Promise<unknown>, fragment: string): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isValidationError(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  if (!error.message.includes(fragment))
    throw new Error(`expected the message to name "${fragment}": ${error.message}`);
};
