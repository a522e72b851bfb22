export type { ContractHarness, EventStoreContractOptions } from './contract/contractHelpers';
export {
  expectConflict,
  expectValidation,
  readAllWithPrefix,
  testEvent,
  uniquePrefix,
} from './contract/contractHelpers';
export { eventStoreContract } from './contract/eventStoreContract';
