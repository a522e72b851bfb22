import {
  createFakeClock,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type StreamAppend,
} from '@rapport/core';
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
 * Appends a history in order, in bulk: chunks of `chunk` events, each one `appendToStreams` call with one entry per
 * stream (a stream's events keep their order; streams within a chunk follow their first appearance).
 */
export const appendHistory = async (
  store: EventStore,
  appends: readonly HistoryAppend[],
  chunk = 500,
): Promise<void> => {
  for (let start = 0; start < appends.length; start += chunk) {
    const byStream = new Map<string, EventToAppend[]>();
    for (const { streamId, event } of appends.slice(start, start + chunk)) {
      const events = byStream.get(streamId) ?? [];
      events.push(event);
      byStream.set(streamId, events);
    }
    const calls: StreamAppend[] = [...byStream].map(([streamId, events]) => ({ streamId, events }));
    await store.appendToStreams(calls);
  }
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
