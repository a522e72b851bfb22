import {
  defineEvent,
  defineUpcaster,
  type EventRegistry,
  type EventStore,
  type EventToAppend,
  isConcurrencyConflict,
  isIdempotencyKeyReused,
  isValidationError,
  type RecordedEvent,
} from '@rapport/core';
import { z } from 'zod';

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

/** A test event at schema version 2, whose version 1 held the whole name in one field. */
export const testRenamed = defineEvent({
  type: 'TestRenamed',
  family: 'test',
  version: 2,
  description: 'v2 splits name',
  schema: z.strictObject({ given: z.string(), family: z.string() }),
});

/** Lifts `TestRenamed` v1 (`{ name }`) to v2 (`{ given, family }`). */
export const testRenamedFromV1 = defineUpcaster({
  type: 'TestRenamed',
  fromVersion: 1,
  schema: z.strictObject({ name: z.string() }),
  up: (data) => {
    const [given = '', family = ''] = data.name.split(' ');
    return { given, family };
  },
});

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

/** Expects `promise` to reject with `IdempotencyKeyReused` whose data holds `data` (key, stream, difference…). */
export const expectKeyReused = async (
  promise: Promise<unknown>,
  data: {
    readonly idempotencyKey: string;
    readonly streamId: string;
    readonly difference: string;
    readonly firstRevision?: string;
    readonly lastRevision?: string;
  },
): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIdempotencyKeyReused(error)) throw new Error(`expected IdempotencyKeyReused, got ${String(error)}`);
  const got = Object.fromEntries(Object.keys(data).map((field) => [field, error.data[field]]));
  if (JSON.stringify(got) !== JSON.stringify(data)) {
    throw new Error(`expected ${JSON.stringify(data)} in IdempotencyKeyReused, got ${JSON.stringify(got)}`);
  }
  if (!error.message.includes(JSON.stringify(data.idempotencyKey))) {
    throw new Error(`expected the message to name the key: ${error.message}`);
  }
};
