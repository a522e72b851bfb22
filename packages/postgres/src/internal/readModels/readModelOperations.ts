import { RapportError, ValidationError } from '@rapport/core';
import { checkDocument, type Json, type OutboxStore, type ReadModelStore } from '@rapport/projections';
import type { Database } from '../database';
import { effectArguments } from '../outbox/effectArguments';
import { decodeText, encodeText } from '../textCodec';
import { commitArguments, type Part } from './commitArguments';
import { prefixBound } from './prefixBound';
import { assertCollection, assertKey, assertProjection, assertTime } from './readModelNames';
import { deadLetterFromJson, type TimerRow, timerFromRow } from './readModelRows';
import type { ReadModelStatements } from './readModelStatements';

/** What every operation of one read-model store shares. */
export interface ReadModelContext {
  readonly db: Database;
  readonly statements: ReadModelStatements;
  /** The tenant as stored (encoded). */
  readonly tenant: string;
  /** Throws when the store is closed, then waits for migrations. */
  readonly ready: () => Promise<void>;
  /** Told how many documents and timers a commit wrote (see `analyzeAsTheyGrow`). */
  readonly wrote: (rows: number) => void;
  /** The tenant's outbox, which every partition's view shares. */
  readonly outbox: OutboxStore;
}

interface DocumentRow {
  readonly key: string;
  readonly document: string;
}

const positiveLimit = (limit: unknown, path: string): number => {
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 0) return limit;
  throw new ValidationError([{ path, rule: 'must be a non-negative integer', got: String(limit) }]);
};

/**
 * The port's functions over one tenant's rows. `part` picks the checkpoint a runner reads and moves, and the timers
 * it is due to fire: the collection's own (`count` 0), or one partition's (timers of keys that hash to it).
 */
export const createReadModelOperations = (context: ReadModelContext, part: Part): ReadModelStore => {
  const { db, statements: sql, tenant, ready } = context;
  const query = async <TRow>(statement: (typeof sql)[keyof typeof sql], values: readonly unknown[]) => {
    await ready();
    return db.query<TRow>(statement, values);
  };
  const target = (collection: string) => [tenant, assertCollection(collection)];

  return {
    get: async (collection, key) => {
      const [row] = await query<{ document: string }>(sql.get, [
        ...target(collection),
        encodeText(assertKey(key, 'key')),
      ]);
      return row === undefined ? undefined : (JSON.parse(row.document) as Json);
    },
    getMany: async (collection, keys) => {
      const out = new Map<string, Json>();
      if (keys.length === 0) return out;
      const encoded = keys.map((key, i) => encodeText(assertKey(key, `keys[${i}]`)));
      const rows = await query<DocumentRow>(sql.getMany, [...target(collection), encoded]);
      for (const row of rows) out.set(decodeText(row.key), JSON.parse(row.document) as Json);
      return out;
    },
    put: async (collection, key, document) => {
      const values = [...target(collection), encodeText(assertKey(key, 'key'))];
      if (document === null) await query(sql.delete, values);
      else {
        checkDocument(document);
        await query(sql.put, [...values, JSON.stringify(document)]);
      }
    },
    delete: async (collection, key) => {
      await query(sql.delete, [...target(collection), encodeText(assertKey(key, 'key'))]);
    },
    list: async (collection, options = {}) => {
      const prefix = encodeText(assertKey(options.prefix ?? '', 'prefix'));
      const after = options.after === undefined ? null : encodeText(assertKey(options.after, 'after'));
      const limit = positiveLimit(options.limit ?? 1000, 'limit');
      const rows = await query<DocumentRow>(sql.list, [
        ...target(collection),
        prefix,
        prefixBound(prefix) ?? null,
        after,
        limit + 1,
      ]);
      const documents = rows
        .slice(0, limit)
        .map((row) => ({ key: decodeText(row.key), document: JSON.parse(row.document) as Json }));
      return { documents, next: rows.length > limit ? documents[documents.length - 1]?.key : undefined };
    },
    readCheckpoint: async (collection) => {
      const [row] = await query<{ position: string; watermark: string | null }>(sql.readCheckpoint, [
        ...target(collection),
        part.count,
        part.index,
      ]);
      return row === undefined
        ? undefined
        : { position: BigInt(row.position), watermark: row.watermark ?? undefined };
    },
    dueTimers: async (collection, { upTo, after, limit }) => {
      const rows = await query<TimerRow>(sql.dueTimers, [
        ...target(collection),
        assertTime(upTo, 'upTo'),
        after === undefined ? null : assertTime(after.at, 'after.at'),
        after === undefined ? null : encodeText(assertKey(after.key, 'after.key')),
        after === undefined ? null : encodeText(assertKey(after.name, 'after.name')),
        part.count,
        part.index,
        positiveLimit(limit, 'limit'),
      ]);
      return rows.map(timerFromRow);
    },
    listTimers: async (collection) =>
      (await query<TimerRow>(sql.listTimers, target(collection))).map(timerFromRow),
    listAliases: async (collection) =>
      (await query<{ from_key: string; to_key: string }>(sql.listAliases, target(collection))).map((row) => ({
        from: decodeText(row.from_key),
        to: decodeText(row.to_key),
      })),
    listDeadLetters: async (collection) =>
      (await query<{ letter: string }>(sql.listDeadLetters, target(collection))).map((row) =>
        deadLetterFromJson(row.letter),
      ),
    activeVersion: async (projection) => {
      const [row] = await query<{ version: number }>(sql.activeVersion, [
        tenant,
        assertProjection(projection),
      ]);
      return row?.version;
    },
    commit: async (commit) => {
      const values = commitArguments(tenant, commit, part);
      const effects = effectArguments(commit);
      const [row] = await query<{ outcome: number; actual: string | null }>(
        effects === undefined ? sql.commit : sql.commitWithEffects,
        effects === undefined ? values : [...values, ...effects],
      );
      if (row?.outcome === 0) return context.wrote(commit.documents.length + commit.timers.length);
      const expected = commit.checkpoint.expected;
      const actual = row?.actual == null ? undefined : BigInt(row.actual);
      throw new RapportError(
        'ConcurrencyConflict',
        `read model ${commit.collection}: expected checkpoint ${String(expected)} but it is at ${String(actual)}`,
        {
          data: {
            collection: commit.collection,
            expected,
            actual,
            partition: part.count > 0 ? part : undefined,
          },
        },
      );
    },
    dropCollection: async (collection) => {
      await query(sql.dropCollection, target(collection));
    },
    outbox: context.outbox,
  };
};
