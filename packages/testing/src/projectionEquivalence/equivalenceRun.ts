import { createFakeClock, type EventStore, type EventToAppend, type RecordedEvent } from '@rapport/core';
import {
  collectionName,
  createProjectionRunner,
  foldProjection,
  type ProjectionDefinition,
  type ReadModelStore,
} from '@rapport/projections';
import { expect } from 'vitest';

/** One append of an equivalence history: an event to a stream, in the order they happen. */
export interface HistoryAppend {
  readonly streamId: string;
  readonly event: EventToAppend;
}

/** A projection of any state and event type. */
// biome-ignore lint/suspicious/noExplicitAny: the suite runs definitions of any state and event type alike
export type AnyProjection = ProjectionDefinition<any, any>;

/** The live clock of every runner: before any event, so only event time moves the watermark, as in a fold. */
const clock = createFakeClock('1970-01-01T00:00:00.000Z');

/**
 * Appends a history in bulk and in its exact order: each `appendToStreams` call holds consecutive runs of one stream's
 * events, up to `chunk` events, and a new call starts where a stream would come back within one. Grouping a chunk by
 * stream instead would reorder events across streams, which touchpoints tolerate but identity events do not (a merge,
 * its unmerge and a merge the other way round could land as a cycle no service can record).
 */
export const appendHistory = async (
  store: EventStore,
  appends: readonly HistoryAppend[],
  chunk = 500,
): Promise<void> => {
  let calls: { streamId: string; events: EventToAppend[] }[] = [];
  let size = 0;
  const flush = async () => {
    if (calls.length > 0) await store.appendToStreams(calls);
    calls = [];
    size = 0;
  };
  for (const { streamId, event } of appends) {
    const last = calls.at(-1);
    if (last?.streamId === streamId && size < chunk) last.events.push(event);
    else {
      if (size >= chunk || calls.some((call) => call.streamId === streamId)) await flush();
      calls.push({ streamId, events: [event] });
    }
    size++;
  }
  await flush();
};

/** Every event of the store, in its global order. */
export const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 10_000 });
    out.push(...page.events);
    if (page.isEnd) return out;
    after = page.lastPosition;
  }
};

const sorted = <T>(entries: Iterable<[string, T]>) =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A read model's documents, pending timers, aliases and dead letters, in a form `toEqual` compares. */
const readModelOf = async (readModels: ReadModelStore, collection: string) => {
  const documents: [string, unknown][] = [];
  let after: string | undefined;
  do {
    const page = await readModels.list(
      collection,
      after === undefined ? { limit: 500 } : { after, limit: 500 },
    );
    for (const { key, document } of page.documents) documents.push([key, document]);
    after = page.next;
  } while (after !== undefined);
  return {
    documents: sorted(documents),
    timers: await readModels.listTimers(collection),
    aliases: sorted((await readModels.listAliases(collection)).map(({ from, to }) => [from, to])),
    deadLetters: (await readModels.listDeadLetters(collection)).map(({ position, key, policy, error }) => ({
      position,
      key,
      policy,
      message: error.message,
    })),
  };
};

/**
 * Runs `projection` through the runner on the given stores until it has applied every event, then checks that its
 * read model (documents, pending timers, aliases, dead letters) equals `foldProjection` over the same log in memory.
 */
export const expectRunnerMatchesFold = async (
  projection: AnyProjection,
  stores: { readonly eventStore: EventStore; readonly readModels: ReadModelStore },
  batchSize: number,
): Promise<void> => {
  const { eventStore, readModels } = stores;
  const runner = createProjectionRunner({
    projection,
    eventStore,
    readModels,
    clock,
    batchSize,
    tickIntervalMs: 0,
  });
  runner.start();
  try {
    await runner.waitForPosition(await eventStore.headPosition());
  } finally {
    await runner.stop();
  }
  const events = await readEverything(eventStore);
  const fold = foldProjection(projection, events);
  const collection = collectionName(projection.name, projection.version);
  const actual = await readModelOf(readModels, collection);
  expect(actual.documents, `${collection}: documents`).toEqual(sorted(fold.documents));
  expect(actual.timers, `${collection}: pending timers`).toEqual(fold.timers);
  expect(actual.aliases, `${collection}: aliases`).toEqual(sorted(fold.aliases));
  expect(actual.deadLetters, `${collection}: dead letters`).toEqual(
    fold.deadLetters.map(({ position, key, policy, error }) => ({
      position,
      key,
      policy,
      message: error.message,
    })),
  );
  expect((await readModels.readCheckpoint(collection))?.position ?? 0n).toBe(
    events.at(-1)?.globalPosition ?? 0n,
  );
};
