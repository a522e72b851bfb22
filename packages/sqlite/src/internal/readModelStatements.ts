import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './openDatabase';

type In = [tenant: string, collection: string];

/** Rows as read. */
export interface TimerRow {
  readonly key: string;
  readonly name: string;
  readonly at: string;
  readonly payload: string | null;
}

/** The read-model store's statements, prepared once per connection. */
export interface ReadModelStatements {
  readonly get: Statement<[...In, string], string>;
  readonly put: Statement<[...In, string, string]>;
  readonly remove: Statement<[...In, string]>;
  readonly list: Statement<
    [{ tenant: string; collection: string; prefix: string; after: string | null; limit: number }],
    { key: string; document: string }
  >;
  readonly checkpoint: Statement<In, { position: bigint; watermark: string | null }>;
  readonly setCheckpoint: Statement<[...In, bigint, string | null]>;
  readonly putTimer: Statement<[...In, string, string, string, string | null]>;
  readonly deleteTimer: Statement<[...In, string, string]>;
  readonly clearTimers: Statement<[...In, string]>;
  readonly dueTimers: Statement<[...In, string, number, string, string, string, number], TimerRow>;
  readonly timers: Statement<In, TimerRow>;
  readonly setAlias: Statement<[...In, string, string]>;
  readonly removeAlias: Statement<[...In, string]>;
  readonly aliases: Statement<In, { from: string; to: string }>;
  readonly putDeadLetter: Statement<[...In, string, bigint, string]>;
  readonly deadLetters: Statement<In, string>;
  readonly active: Statement<[string, string], number>;
  readonly activate: Statement<[string, string, number]>;
  readonly drop: readonly Statement<In>[];
}

const WHERE = 'tenant = ? AND collection = ?';

/** Prepares every statement of the read-model store. */
export const readModelStatements = (db: SqliteDatabase): ReadModelStatements => ({
  get: db
    .prepare<[...In, string], string>(`SELECT document FROM rapport_documents WHERE ${WHERE} AND key = ?`)
    .pluck(),
  put: db.prepare(
    `INSERT INTO rapport_documents (tenant, collection, key, document) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant, collection, key) DO UPDATE SET document = excluded.document`,
  ),
  remove: db.prepare(`DELETE FROM rapport_documents WHERE ${WHERE} AND key = ?`),
  // keys from the prefix (or after the cursor), in key order; the caller stops at the first key outside the prefix
  list: db.prepare(`SELECT key, document FROM rapport_documents WHERE tenant = @tenant AND collection = @collection
     AND (key > @after OR (@after IS NULL AND key >= @prefix)) AND instr(key, @prefix) = 1 ORDER BY key LIMIT @limit`),
  // positions may pass 2^53: read them as bigints
  checkpoint: db
    .prepare<In, { position: bigint; watermark: string | null }>(
      `SELECT position, watermark FROM rapport_checkpoints WHERE ${WHERE}`,
    )
    .safeIntegers(true),
  setCheckpoint: db.prepare(
    `INSERT INTO rapport_checkpoints (tenant, collection, position, watermark) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant, collection) DO UPDATE SET position = excluded.position, watermark = excluded.watermark`,
  ),
  putTimer: db.prepare(
    `INSERT INTO rapport_timers (tenant, collection, key, name, at, payload) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant, collection, key, name) DO UPDATE SET at = excluded.at, payload = excluded.payload`,
  ),
  deleteTimer: db.prepare(`DELETE FROM rapport_timers WHERE ${WHERE} AND key = ? AND name = ?`),
  clearTimers: db.prepare(`DELETE FROM rapport_timers WHERE ${WHERE} AND key = ?`),
  dueTimers: db.prepare(
    `SELECT key, name, at, payload FROM rapport_timers WHERE ${WHERE} AND at <= ?
     AND (? = 0 OR (at, key, name) > (?, ?, ?)) ORDER BY at, key, name LIMIT ?`,
  ),
  timers: db.prepare(
    `SELECT key, name, at, payload FROM rapport_timers WHERE ${WHERE} ORDER BY at, key, name`,
  ),
  setAlias: db.prepare(
    `INSERT INTO rapport_aliases (tenant, collection, from_key, to_key) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant, collection, from_key) DO UPDATE SET to_key = excluded.to_key`,
  ),
  removeAlias: db.prepare(`DELETE FROM rapport_aliases WHERE ${WHERE} AND from_key = ?`),
  aliases: db.prepare(
    `SELECT from_key AS "from", to_key AS "to" FROM rapport_aliases WHERE ${WHERE} ORDER BY from_key`,
  ),
  putDeadLetter: db.prepare(
    `INSERT INTO rapport_dead_letters (tenant, collection, id, position, letter) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant, collection, id) DO UPDATE SET letter = excluded.letter`,
  ),
  deadLetters: db
    .prepare<In, string>(`SELECT letter FROM rapport_dead_letters WHERE ${WHERE} ORDER BY position, id`)
    .pluck(),
  active: db
    .prepare<[string, string], number>(
      'SELECT version FROM rapport_active_versions WHERE tenant = ? AND projection = ?',
    )
    .pluck(),
  activate: db.prepare(
    `INSERT INTO rapport_active_versions (tenant, projection, version) VALUES (?, ?, ?)
     ON CONFLICT (tenant, projection) DO UPDATE SET version = excluded.version`,
  ),
  drop: [
    'rapport_documents',
    'rapport_timers',
    'rapport_aliases',
    'rapport_dead_letters',
    'rapport_checkpoints',
  ].map((table) => db.prepare<In>(`DELETE FROM ${table} WHERE ${WHERE}`)),
});
