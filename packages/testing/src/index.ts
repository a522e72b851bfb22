export {
  arbitraryCustomerAppends,
  arbitraryEventOf,
  arbitraryOccurredAt,
  arbitraryTouchpoint,
  arbitraryTouchpointEvent,
} from './arbitraries/events';
export { arbitraryFromSchema } from './arbitraries/fromSchema';
export {
  arbitraryHostileKey,
  arbitraryHostileValue,
  arbitraryUnicodeEdgeString,
  arbitraryUserKey,
  hostileKeys,
  refusalOf,
  typedOutcome,
} from './arbitraries/hostile';
export type { ContractHarness, EventStoreContractOptions } from './contract/contractHelpers';
export {
  expectConflict,
  expectValidation,
  readAllWithPrefix,
  testEvent,
  uniquePrefix,
} from './contract/contractHelpers';
export { eventStoreContract } from './contract/eventStoreContract';
export type { CdnowFile, CdnowTransaction } from './datasets/cdnow';
export { cdnowDirectory, cdnowEvents, loadCdnowTransactions } from './datasets/cdnow';
export { personalCustomer } from './datasets/personalCustomer';
export type { DocSample } from './docs/docSamples';
export { docSamples, regionOf, syncDocSamples } from './docs/docSamples';
export type { DeciderThen, DeciderWhen } from './given/givenDecider';
export { givenDecider } from './given/givenDecider';
export type { AnyProjection, HistoryAppend } from './projectionEquivalence/equivalenceRun';
export type {
  EquivalenceStores,
  ProjectionEquivalenceOptions,
} from './projectionEquivalence/projectionEquivalenceSuite';
export { projectionEquivalenceSuite } from './projectionEquivalence/projectionEquivalenceSuite';
export type { ReadModelStoreContractOptions } from './readModelContract/readModelHarness';
export { readModelStoreContract } from './readModelContract/readModelStoreContract';
