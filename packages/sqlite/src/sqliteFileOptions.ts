/** The options every SQLite store takes: where its file is, whose data it holds, how long a write may wait. */
export interface SqliteFileOptions {
  /** Path of the database file, created when missing; stores may share one file or use several. */
  readonly file: string;
  /** The tenant whose data this store holds; tenants on one file see nothing of each other. Default `'default'`. */
  readonly tenantId?: string;
  /** How long a write waits for another process's write transaction, in ms; default 5000. */
  readonly busyTimeoutMs?: number;
}
