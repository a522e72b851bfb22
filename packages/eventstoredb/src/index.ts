export type {
  EventStoreDbClient,
  EventStoreDbEventStoreOptions,
  SubscriptionRetryOptions,
} from './createEventStoreDbEventStore';
export { createEventStoreDbEventStore } from './createEventStoreDbEventStore';
export { createEventStoreDbPartitionedWorker } from './createEventStoreDbPartitionedWorker';
export type {
  PartitionedWorker as EventStoreDbPartitionedWorker,
  PartitionedWorkerStatus as EventStoreDbPartitionedWorkerStatus,
} from './internal/partitioned/createWorker';
export type { PartialAppendDetails } from './partialAppendError';
export { isPartialAppendError, PartialAppendError } from './partialAppendError';
export type { EventStoreDbPartitionedWorkerOptions } from './partitionedWorkerOptions';
