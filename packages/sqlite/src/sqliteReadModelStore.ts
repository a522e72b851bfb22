import {
  RapportError,
  readOptions,
  renderValue,
  resolveStoreOptions,
  ValidationError,
  type ValidationIssue,
} from '@rapport/core';
import {
  type Checkpoint,
  checkDocument,
  checkDocuments,
  checkEffects,
  type DeadLetter,
  type Json,
  type ReadModelCommit,
  type ReadModelStore,
  type StoredTimer,
} from '@rapport/projections';
import { describeDriverError } from './internal/fileErrors';
import { decodeJson, encodeJson } from './internal/jsonCodec';
import { openDatabase } from './internal/openDatabase';
import { readModelStatements, type TimerRow } from './internal/readModelStatements';
import { resolveFile } from './internal/resolveFile';
import { createSqliteOutbox } from './internal/sqliteOutbox';
import type { SqliteFileOptions } from './sqliteFileOptions';

/** Options of `createSqliteReadModelStore`. */
export type SqliteReadModelStoreOptions = SqliteFileOptions;

/** The SQLite read-model store: the `ReadModelStore` port on a database file. */
export interface SqliteReadModelStore extends ReadModelStore {
  readonly file: string;
  readonly tenantId: string;
  /** Closes the file. */
  close(): Promise<void>;
}

const FACTORY = 'createSqliteReadModelStore';

/** Refuses alias changes that are not `{ from: key, to: key | null }`, naming each, before anything is written. */
const checkAliases = ({ aliases }: ReadModelCommit) => {
  const issues: ValidationIssue[] = aliases.flatMap(({ from, to }, i) => [
    ...(typeof from === 'string'
      ? []
      : [{ path: `aliases[${i}].from`, rule: 'must be a key', got: renderValue(from) }]),
    ...(typeof to === 'string' || to === null
      ? []
      : [
          {
            path: `aliases[${i}].to`,
            rule: 'must be a key, or null to remove the alias',
            got: renderValue(to),
          },
        ]),
  ]);
  if (issues.length > 0) throw new ValidationError(issues);
};

const timerOf = (row: TimerRow): StoredTimer =>
  row.payload === null
    ? { key: row.key, name: row.name, at: row.at }
    : { key: row.key, name: row.name, at: row.at, payload: JSON.parse(row.payload) };

// one dead letter per (position, timer): the identity the port upserts by
const letterId = (letter: DeadLetter) =>
  JSON.stringify([String(letter.position), letter.timer?.key, letter.timer?.name]);

/**
 * Creates a `ReadModelStore` on an SQLite file for one tenant: documents, timers, aliases, dead letters, the
 * checkpoint and the reactors' outbox of a runner batch are written in one transaction, so a crash applies a
 * batch whole or not at all.
 *
 * @example
 * const readModels = createSqliteReadModelStore({ file: 'crm.sqlite' });
 * createProjectionRunner({ projection, eventStore: createSqliteEventStore({ file: 'crm.sqlite' }), readModels }).start();
 */
export const createSqliteReadModelStore = (options: SqliteReadModelStoreOptions): SqliteReadModelStore => {
  const { file, busyTimeoutMs } = resolveFile(readOptions(FACTORY, options));
  const { tenantId: tenant } = resolveStoreOptions(FACTORY, { tenantId: options.tenantId });
  const db = openDatabase(file, busyTimeoutMs);
  const sql = readModelStatements(db);
  let closed = false;
  const run = <T>(body: () => T, write = false): T => {
    if (closed) throw new RapportError('StoreUnavailable', `${file}: the SQLite read-model store is closed`);
    const transaction = db.transaction(body);
    try {
      return write ? transaction.immediate() : transaction.deferred();
    } catch (error) {
      throw describeDriverError(file, error);
    }
  };
  const { add: addEffects, ...port } = createSqliteOutbox(db, tenant, (body) => run(body, true));
  const writeDocument = (collection: string, key: string, document: Json | null) => {
    if (document === null) sql.remove.run(tenant, collection, key);
    else sql.put.run(tenant, collection, key, JSON.stringify(document));
  };

  const commit = async (change: ReadModelCommit) => {
    checkAliases(change);
    const effects = change.effects ?? [];
    checkEffects(effects, change.recordedAt);
    checkDocuments(change.documents);
    const { collection } = change;
    run(() => {
      const actual = checkpointOf(collection)?.position;
      if (actual !== change.checkpoint.expected) {
        throw new RapportError(
          'ConcurrencyConflict',
          `read model ${collection}: expected checkpoint ${String(change.checkpoint.expected)} but it is at ${String(actual)}`,
          { data: { collection, expected: change.checkpoint.expected, actual } },
        );
      }
      for (const { key, document } of change.documents) writeDocument(collection, key, document);
      for (const timer of change.timers) {
        if (timer.kind === 'put') {
          const { key, name, at, payload } = timer.timer;
          sql.putTimer.run(
            tenant,
            collection,
            key,
            name,
            at,
            payload === undefined ? null : JSON.stringify(payload),
          );
        } else if (timer.kind === 'delete') sql.deleteTimer.run(tenant, collection, timer.key, timer.name);
        else sql.clearTimers.run(tenant, collection, timer.key);
      }
      for (const alias of change.aliases) {
        if (alias.to === null) sql.removeAlias.run(tenant, collection, alias.from);
        else sql.setAlias.run(tenant, collection, alias.from, alias.to);
      }
      for (const letter of change.deadLetters) {
        sql.putDeadLetter.run(tenant, collection, letterId(letter), letter.position, encodeJson(letter));
      }
      const { position, watermark } = change.checkpoint.next;
      sql.setCheckpoint.run(tenant, collection, position, watermark ?? null);
      if (change.activate !== undefined)
        sql.activate.run(tenant, change.activate.projection, change.activate.version);
      if (effects.length > 0) addEffects(effects, change.recordedAt!);
    }, true);
  };
  const checkpointOf = (collection: string): Checkpoint | undefined => {
    const row = sql.checkpoint.get(tenant, collection);
    return row === undefined
      ? undefined
      : { position: BigInt(row.position), watermark: row.watermark ?? undefined };
  };

  return {
    file,
    tenantId: tenant,
    get: async (collection, key) => {
      const text = run(() => sql.get.get(tenant, collection, key));
      return text === undefined ? undefined : JSON.parse(text);
    },
    getMany: async (collection, keys) =>
      run(() => {
        const out = new Map<string, Json>();
        for (const key of keys) {
          const text = sql.get.get(tenant, collection, key);
          if (text !== undefined) out.set(key, JSON.parse(text));
        }
        return out;
      }),
    put: async (collection, key, document) => {
      checkDocument(document);
      run(() => writeDocument(collection, key, document), true);
    },
    delete: async (collection, key) => run(() => writeDocument(collection, key, null), true),
    list: async (collection, { prefix = '', after, limit = 1000 } = {}) => {
      const rows = run(() =>
        sql.list.all({
          tenant,
          collection,
          prefix,
          after: after !== undefined && after >= prefix ? after : null,
          limit: limit + 1,
        }),
      );
      const documents = rows
        .slice(0, limit)
        .map(({ key, document }) => ({ key, document: JSON.parse(document) }));
      return { documents, next: rows.length > limit ? documents.at(-1)?.key : undefined };
    },
    readCheckpoint: async (collection) => run(() => checkpointOf(collection)),
    dueTimers: async (collection, { upTo, after, limit }) =>
      run(() =>
        sql.dueTimers
          .all(
            tenant,
            collection,
            upTo,
            after === undefined ? 0 : 1,
            after?.at ?? '',
            after?.key ?? '',
            after?.name ?? '',
            limit,
          )
          .map(timerOf),
      ),
    listTimers: async (collection) => run(() => sql.timers.all(tenant, collection).map(timerOf)),
    listAliases: async (collection) => run(() => sql.aliases.all(tenant, collection)),
    listDeadLetters: async (collection) =>
      run(() => sql.deadLetters.all(tenant, collection).map((text) => decodeJson<DeadLetter>(text))),
    activeVersion: async (projection) => run(() => sql.active.get(tenant, projection)),
    commit,
    dropCollection: async (collection) =>
      run(() => {
        for (const statement of sql.drop) statement.run(tenant, collection);
      }, true),
    outbox: port,
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
};
