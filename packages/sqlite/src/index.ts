export type { SqliteEventStore } from './createSqliteEventStore';
export { createSqliteEventStore } from './createSqliteEventStore';
export type { SqliteEventStoreOptions } from './sqliteEventStoreOptions';
export type { SqliteKeyStore, SqliteKeyStoreOptions } from './sqliteKeyStore';
export { createSqliteKeyStore } from './sqliteKeyStore';
