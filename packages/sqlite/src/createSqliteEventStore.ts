import {
  type AppendResult,
  assertBulkAppends,
  assertBulkEntry,
  assertOptionBag,
  type EventStore,
  maxTimerMs,
  RapportError,
  type RecordedEvent,
  readOptions,
  resolveStoreOptions,
} from '@rapport/core';
import { appendInTransaction } from './internal/appendEvents';
import { eventStatements } from './internal/eventStatements';
import { describeDriverError } from './internal/fileErrors';
import { openDatabase } from './internal/openDatabase';
import { readAllIn, readStreamIn } from './internal/readEvents';
import { resolveFile } from './internal/resolveFile';
import { subscribeToAll } from './internal/subscribeToAll';
import type { SqliteEventStoreOptions } from './sqliteEventStoreOptions';

/** The SQLite event store: the `EventStore` port on one database file. */
export interface SqliteEventStore extends EventStore {
  /** The database file. */
  readonly file: string;
}

const FACTORY = 'createSqliteEventStore';

/**
 * Creates an `EventStore` on an SQLite file (created and migrated when needed). Appends are transactions of their
 * own, checked against the expected revision inside them; several processes may append to one file.
 *
 * @example
 * const store = createSqliteEventStore({ file: 'crm.sqlite' });
 * await store.appendToStream('customer-42', [{ type: 'CustomerRegistered', data }], { expectedRevision: 'no_stream' });
 * store.subscribeToAll({ after: checkpoint }).subscribe((event) => project(event));
 */
export const createSqliteEventStore = (options: SqliteEventStoreOptions): SqliteEventStore => {
  const read = readOptions(FACTORY, options);
  const { file, busyTimeoutMs } = resolveFile(read);
  if (file === '') throw read.error('file must be a path to the database file', options?.file);
  const pollIntervalMs = read.integer('pollIntervalMs', 50, { min: 1, max: maxTimerMs });
  const batchSize = read.integer('batchSize', 500, { min: 1, max: 100_000 });
  const { registry, clock, tenantId, futureToleranceMs } = resolveStoreOptions(FACTORY, options);
  const db = openDatabase(file, busyTimeoutMs);
  const statements = eventStatements(db);
  const lift =
    registry !== false && registry.hasUpcasters
      ? (event: RecordedEvent) => registry.upcast(event)
      : (event: RecordedEvent) => event;
  const context = { statements, registry, tenantId, futureToleranceMs, lift };
  const wakes = new Set<() => void>();
  let closed = false;

  /** Runs `body` as one transaction (`immediate` for writes), mapping driver errors to typed ones. */
  const run = <T>(body: () => T, write: boolean): T => {
    if (closed) throw new RapportError('StoreUnavailable', `${file}: the SQLite event store is closed`);
    const transaction = db.transaction(body);
    try {
      return write ? transaction.immediate() : transaction.deferred();
    } catch (error) {
      throw describeDriverError(file, error);
    }
  };
  const appended = <T>(result: T): T => {
    for (const wake of [...wakes]) wake();
    return result;
  };

  return {
    registry: registry === false ? undefined : registry,
    file,
    appendToStream: async (streamId, events, appendOptions) => {
      assertOptionBag(appendOptions, 'options');
      const now = clock.now();
      const expected = appendOptions?.expectedRevision ?? 'any';
      return appended(run(() => appendInTransaction(context, streamId, events, expected, now), true));
    },
    appendToStreams: async (appends) => {
      assertBulkAppends(appends);
      const now = clock.now();
      return appended(
        run(() => {
          const seen = new Set<string>();
          return appends.map((entry, index): AppendResult => {
            const append = assertBulkEntry(entry, index, seen);
            const expected = append.expectedRevision ?? 'any';
            return appendInTransaction(context, append.streamId, append.events, expected, now);
          });
        }, true),
      );
    },
    readStream: async (streamId, readStreamOptions) =>
      run(() => readStreamIn(context, streamId, readStreamOptions), false),
    readAll: async (readAllOptions) => run(() => readAllIn(context, readAllOptions), false),
    subscribeToAll: (subscribeOptions) =>
      subscribeToAll(
        {
          readPage: (after, filter) =>
            run(
              () =>
                readAllIn(context, {
                  after,
                  maxCount: batchSize,
                  ...(filter.types === undefined ? {} : { types: [...filter.types] }),
                  streamPrefix: filter.streamPrefix,
                }),
              false,
            ),
          pollIntervalMs,
          isClosed: () => closed,
          onAppend: (wake) => {
            wakes.add(wake);
            return () => wakes.delete(wake);
          },
        },
        subscribeOptions,
      ),
    headPosition: async () => run(() => BigInt(statements.head.get(tenantId) ?? 0), false),
    close: async () => {
      if (closed) return;
      closed = true;
      appended(undefined);
      wakes.clear();
      db.close();
    },
  };
};
