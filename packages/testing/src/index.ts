export {
  arbitraryCustomerAppends,
  arbitraryEventOf,
  arbitraryOccurredAt,
  arbitraryTouchpoint,
  arbitraryTouchpointEvent,
} from './arbitraries/events';
export { arbitraryFromSchema } from './arbitraries/fromSchema';
export type { ContractHarness, EventStoreContractOptions } from './contract/contractHelpers';
export {
  expectConflict,
  expectValidation,
  readAllWithPrefix,
  testEvent,
  uniquePrefix,
} from './contract/contractHelpers';
export { eventStoreContract } from './contract/eventStoreContract';
export type { DeciderThen, DeciderWhen } from './given/givenDecider';
export { givenDecider } from './given/givenDecider';
