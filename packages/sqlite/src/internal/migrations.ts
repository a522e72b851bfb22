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
