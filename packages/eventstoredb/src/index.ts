export type {
  EventStoreDbClient,
  EventStoreDbEventStoreOptions,
  SubscriptionRetryOptions,
} from './createEventStoreDbEventStore';
export { createEventStoreDbEventStore } from './createEventStoreDbEventStore';
export type { PartialAppendDetails } from './partialAppendError';
export { isPartialAppendError, PartialAppendError } from './partialAppendError';
