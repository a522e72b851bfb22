import { createInMemoryEventStore, type EventStore, type RecordedEvent } from '@rapport/core';
import type { Json } from '../definition/json';
import type { OutboxEntry, OutboxStore } from '../effects/outbox';
import type { ReadModelStore } from '../readModel/readModelStore';
import { createProjectionRunner, type ProjectionRunner } from '../runner/projectionRunner';
import type { ProjectionRunnerOptions } from '../runner/runnerOptions';

/** Test-only: one event to append, keyed by document. */
export interface TestEvent {
  readonly type: string;
  readonly key: string | undefined;
  readonly at: string;
  readonly data?: Record<string, Json>;
}

/** Test-only: an in-memory event store accepting any event type. */
export const openStore = (): EventStore => createInMemoryEventStore({ registry: false });

/** Test-only: appends events one stream per key, in the given order; returns what was recorded. */
export const appendAll = async (
  store: EventStore,
  events: readonly TestEvent[],
): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for (const event of events) {
    const result = await store.appendToStream(`doc-${event.key ?? 'none'}`, [
      {
        type: event.type,
        data: event.data ?? {},
        metadata: { occurredAt: event.at, ...(event.key === undefined ? {} : { customerId: event.key }) },
      },
    ]);
    out.push(...result.events);
  }
  return out;
};

/** Test-only: every document of a collection, by key. */
export const readCollection = async (
  readModels: ReadModelStore,
  collection: string,
): Promise<Map<string, Json>> => {
  const out = new Map<string, Json>();
  let after: string | undefined;
  do {
    const page = await readModels.list(
      collection,
      after === undefined ? { limit: 500 } : { after, limit: 500 },
    );
    for (const { key, document } of page.documents) out.set(key, document);
    after = page.next;
  } while (after !== undefined);
  return out;
};

/** Test-only: a minute of 2025 as an ISO string. */
export const minute = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();

/** Test-only: a read model's documents, pending timers and aliases, in a form `toEqual` compares. */
export const snapshot = async (readModels: ReadModelStore, collection: string) => ({
  documents: Object.fromEntries(await readCollection(readModels, collection)),
  timers: await readModels.listTimers(collection),
  aliases: [...(await readModels.listAliases(collection))].sort((a, b) => (a.from < b.from ? -1 : 1)),
});

/** Test-only: what `foldProjection` ended with, in the form of `snapshot`. */
export const foldSnapshot = (result: {
  readonly documents: ReadonlyMap<string, unknown>;
  readonly timers: readonly unknown[];
  readonly aliases: ReadonlyMap<string, string>;
}) => ({
  documents: Object.fromEntries([...result.documents].sort(([a], [b]) => (a < b ? -1 : 1))),
  timers: result.timers,
  aliases: [...result.aliases].map(([from, to]) => ({ from, to })).sort((a, b) => (a.from < b.from ? -1 : 1)),
});

/** Test-only: every entry of an outbox, in the order effects entered, read in pages. */
export const everyEntry = async (outbox: OutboxStore): Promise<OutboxEntry[]> => {
  const out: OutboxEntry[] = [];
  let after: string | undefined;
  do {
    const page = await outbox.list({ limit: 500, ...(after === undefined ? {} : { after }) });
    out.push(...page.entries);
    after = page.next;
  } while (after !== undefined);
  return out;
};

/** Test-only: a runner (ticking only when told) started and caught up with its store's head, timers due by then fired. */
export const startAtHead = async <TState>(
  options: ProjectionRunnerOptions<TState>,
): Promise<ProjectionRunner> => {
  const runner = createProjectionRunner({ tickIntervalMs: 0, ...options });
  runner.start();
  await runner.waitForPosition(await options.eventStore.headPosition());
  await runner.tick();
  return runner;
};
