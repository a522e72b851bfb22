import { RapportError } from '@rapport/core';

/** Why a file could not be used; carried as `data.reason` of the error. */
export type SqliteFileProblem = 'not-a-database' | 'read-only' | 'newer-schema' | 'unavailable';

/** A typed error about the store's file: `Configuration` when the file is wrong, `StoreUnavailable` otherwise. */
export const fileError = (file: string, reason: SqliteFileProblem, message: string, cause?: unknown) =>
  new RapportError(reason === 'unavailable' ? 'StoreUnavailable' : 'Configuration', `${file}: ${message}`, {
    cause,
    data: { file, reason },
  });

const driverCode = (cause: unknown): string =>
  typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string'
    ? (cause as { code: string }).code
    : '';

/** Maps a driver error to a typed one naming the file and what is wrong with it. */
export const describeDriverError = (file: string, cause: unknown): RapportError => {
  if (cause instanceof RapportError) return cause;
  const code = driverCode(cause);
  if (code === 'SQLITE_NOTADB') return fileError(file, 'not-a-database', 'is not an SQLite database', cause);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return fileError(file, 'read-only', 'cannot be opened for writing (read-only file or folder)', cause);
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  return fileError(file, 'unavailable', `SQLite failed (${code || 'error'}): ${detail}`, cause);
};
