export type { PostgresEventStore } from './createPostgresEventStore';
export { createPostgresEventStore } from './createPostgresEventStore';
export { partitionHash, partitionOf } from './partitionOf';
export type { PostgresConnectionOptions } from './postgresConnectionOptions';
export type { PostgresEventStoreOptions, SubscriptionOptions } from './postgresEventStoreOptions';
export type { PostgresKeyStore, PostgresKeyStoreOptions } from './postgresKeyStore';
export { createPostgresKeyStore } from './postgresKeyStore';
export type { PostgresReadModelStore, PostgresReadModelStoreOptions } from './postgresReadModelStore';
export { createPostgresReadModelStore } from './postgresReadModelStore';
