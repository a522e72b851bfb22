import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Runs `body` with a fresh SQLite file path in a temporary folder, removed afterwards. */
export const withSqliteFile = async <T>(name: string, body: (file: string) => Promise<T>): Promise<T> => {
  const folder = mkdtempSync(join(tmpdir(), `rapport-bench-${name}-`));
  try {
    return await body(join(folder, `${name}.sqlite`));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/**
 * A second connection to a store's file for the floor, with the store's settings (WAL, `synchronous = FULL`), and
 * a table of `rapport_events`' columns and indexes to insert finished rows into.
 */
export const openRawTable = (file: string): Database.Database => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE raw (
    position INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, stream_id TEXT NOT NULL,
    stream_position INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
    idempotency_key TEXT, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (tenant, stream_id, stream_position));
    CREATE INDEX raw_by_tenant ON raw (tenant, position);`);
  return db;
};

/** The raw row of a touchpoint: what the floor inserts, built the way the store builds its own. */
export const rawRow = (
  streamId: string,
  streamPosition: number,
  event: { readonly type: string; readonly data: unknown; readonly metadata?: unknown },
  id: string,
): unknown[] => {
  const metadata = event.metadata as { occurredAt: string };
  return [
    'default',
    streamId,
    streamPosition,
    id,
    event.type,
    metadata.occurredAt,
    null,
    JSON.stringify(event.data),
    JSON.stringify({ ...metadata, tenantId: 'default', schemaVersion: 1 }),
  ];
};

/** The columns `rawRow` fills, in order. */
export const rawColumns =
  'tenant, stream_id, stream_position, id, type, occurred_at, idempotency_key, data, metadata';
