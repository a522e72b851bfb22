import type Database from 'better-sqlite3';
import { fileError } from './fileErrors';

/**
 * The schema, one entry per version; never edit a shipped entry, append a new one. `PRAGMA user_version` records
 * how many have been applied. Every store (events, read models, keys) applies the whole list, so one file or
 * several work alike.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE rapport_events (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     tenant TEXT NOT NULL,
     stream_id TEXT NOT NULL,
     stream_position INTEGER NOT NULL,
     id TEXT NOT NULL UNIQUE,
     type TEXT NOT NULL,
     occurred_at TEXT NOT NULL,
     idempotency_key TEXT,
     data TEXT NOT NULL,
     metadata TEXT NOT NULL,
     UNIQUE (tenant, stream_id, stream_position)
   );
   CREATE INDEX rapport_events_by_tenant ON rapport_events (tenant, position);
   CREATE INDEX rapport_events_by_key ON rapport_events (tenant, stream_id, idempotency_key)
     WHERE idempotency_key IS NOT NULL;`,
  `CREATE TABLE rapport_data_keys (
     tenant TEXT NOT NULL,
     customer_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     material BLOB NOT NULL,
     PRIMARY KEY (tenant, customer_id, version)
   ) WITHOUT ROWID;
   CREATE TABLE rapport_shredded_subjects (
     tenant TEXT NOT NULL,
     customer_id TEXT NOT NULL,
     PRIMARY KEY (tenant, customer_id)
   ) WITHOUT ROWID;`,
  `CREATE TABLE rapport_documents (
     tenant TEXT NOT NULL, collection TEXT NOT NULL, key TEXT NOT NULL, document TEXT NOT NULL,
     PRIMARY KEY (tenant, collection, key)
   ) WITHOUT ROWID;
   CREATE TABLE rapport_timers (
     tenant TEXT NOT NULL, collection TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL,
     payload TEXT,
     PRIMARY KEY (tenant, collection, key, name)
   ) WITHOUT ROWID;
   CREATE INDEX rapport_timers_by_time ON rapport_timers (tenant, collection, at, key, name);
   CREATE TABLE rapport_aliases (
     tenant TEXT NOT NULL, collection TEXT NOT NULL, from_key TEXT NOT NULL, to_key TEXT NOT NULL,
     PRIMARY KEY (tenant, collection, from_key)
   ) WITHOUT ROWID;
   CREATE TABLE rapport_dead_letters (
     tenant TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, letter TEXT NOT NULL,
     PRIMARY KEY (tenant, collection, id)
   ) WITHOUT ROWID;
   CREATE TABLE rapport_checkpoints (
     tenant TEXT NOT NULL, collection TEXT NOT NULL, position INTEGER NOT NULL, watermark TEXT,
     PRIMARY KEY (tenant, collection)
   ) WITHOUT ROWID;
   CREATE TABLE rapport_active_versions (
     tenant TEXT NOT NULL, projection TEXT NOT NULL, version INTEGER NOT NULL,
     PRIMARY KEY (tenant, projection)
   ) WITHOUT ROWID;
   CREATE TABLE rapport_outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     tenant TEXT NOT NULL, id TEXT NOT NULL, reactor TEXT NOT NULL, status TEXT NOT NULL, due_at TEXT NOT NULL,
     lease_owner TEXT, lease_until TEXT, entry TEXT NOT NULL,
     UNIQUE (tenant, id)
   );
   CREATE INDEX rapport_outbox_pending ON rapport_outbox (tenant, status, due_at);`,
  // the line a command waits in (its reactor and document; NULL for a message), read from the entry so rows already
  // there have it too; the index holds the pending commands of each line, oldest first, for the claim to probe
  `ALTER TABLE rapport_outbox ADD COLUMN order_key TEXT GENERATED ALWAYS AS (
     CASE WHEN json_extract(entry, '$.kind') = 'command' THEN json_array(reactor, json_extract(entry, '$.key')) END
   ) VIRTUAL;
   CREATE INDEX rapport_outbox_line ON rapport_outbox (tenant, order_key, seq)
     WHERE status = 'pending' AND order_key IS NOT NULL;`,
];

/** The schema version this library writes. */
export const schemaVersion = migrations.length;

/**
 * Brings the file to `schemaVersion`. `BEGIN IMMEDIATE` takes SQLite's one write lock before reading the version,
 * so two processes opening a new file at once apply each migration once: the second waits, then finds it done.
 */
export const runMigrations = (db: Database.Database, file: string): void => {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() === schemaVersion) return;
  db.transaction(() => {
    const found = current();
    if (found > schemaVersion) {
      throw fileError(
        file,
        'newer-schema',
        `holds schema version ${found}, written by a newer @rapport/sqlite; this one knows up to ${schemaVersion}`,
      );
    }
    for (let version = found; version < schemaVersion; version++) db.exec(migrations[version]!);
    db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
};
