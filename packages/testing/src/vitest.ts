// The suites written with vitest's describe/it: adapters run them as their own tests. Everything else in the kit is
// in the main entry and runs under any test runner.
export type { ContractHarness, EventStoreContractOptions } from './contract/contractHelpers';
export { eventStoreContract } from './contract/eventStoreContract';
export type { ErasureContractOptions, ErasureTarget } from './erasure/erasureContract';
export { erasureContract } from './erasure/erasureContract';
export type { AnyProjection, HistoryAppend } from './projectionEquivalence/equivalenceRun';
export type {
  EquivalenceStores,
  ProjectionEquivalenceOptions,
} from './projectionEquivalence/projectionEquivalenceSuite';
export { projectionEquivalenceSuite } from './projectionEquivalence/projectionEquivalenceSuite';
export type { ReadModelStoreContractOptions } from './readModelContract/readModelHarness';
export { readModelStoreContract } from './readModelContract/readModelStoreContract';
