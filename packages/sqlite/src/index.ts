export type { SqliteEventStore } from './createSqliteEventStore';
export { createSqliteEventStore } from './createSqliteEventStore';
export type { SqliteEventStoreOptions } from './sqliteEventStoreOptions';
