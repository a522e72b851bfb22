export type { SqliteEventStore } from './createSqliteEventStore';
export { createSqliteEventStore } from './createSqliteEventStore';
export type { SqliteEventStoreOptions } from './sqliteEventStoreOptions';
export type { SqliteFileOptions } from './sqliteFileOptions';
export type { SqliteKeyStore, SqliteKeyStoreOptions } from './sqliteKeyStore';
export { createSqliteKeyStore } from './sqliteKeyStore';
export type { SqliteReadModelStore, SqliteReadModelStoreOptions } from './sqliteReadModelStore';
export { createSqliteReadModelStore } from './sqliteReadModelStore';
