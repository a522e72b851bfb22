import Database from 'better-sqlite3';
import { describeDriverError } from './fileErrors';
import { runMigrations } from './migrations';

/** An open connection to a Rapport SQLite file. */
export type SqliteDatabase = Database.Database;

/**
 * Opens `file` for a store: WAL journal (readers never block the writer), a busy timeout for writers of other
 * processes, `secure_delete` (freed pages are zeroed, so erased data leaves no bytes behind), then migrations.
 */
export const openDatabase = (file: string, busyTimeoutMs: number): SqliteDatabase => {
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    runMigrations(db, file);
    return db;
  } catch (cause) {
    db?.close();
    throw describeDriverError(file, cause);
  }
};
