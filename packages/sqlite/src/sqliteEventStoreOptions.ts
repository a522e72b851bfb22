import type { CommonStoreOptions } from '@rapport/core';

/** Options of `createSqliteEventStore`. */
export interface SqliteEventStoreOptions extends CommonStoreOptions {
  /** Path of the database file, created when missing (its `-wal` and `-shm` files sit beside it). */
  readonly file: string;
  /**
   * How long a write waits for another process's write transaction before failing, in ms; default 5000. SQLite
   * takes one writer at a time, and the wait blocks this process's event loop.
   */
  readonly busyTimeoutMs?: number;
  /**
   * Live subscriptions see appends of this store at once, and poll the file at this interval for appends of other
   * processes (or other stores on the file): the bound on their wake-up latency. Default 50 ms.
   */
  readonly pollIntervalMs?: number;
  /** Events a subscription reads per page; default 500. */
  readonly batchSize?: number;
}
