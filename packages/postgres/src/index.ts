export type { PostgresEventStore } from './createPostgresEventStore';
export { createPostgresEventStore } from './createPostgresEventStore';
export type { PostgresEventStoreOptions, SubscriptionOptions } from './postgresEventStoreOptions';
