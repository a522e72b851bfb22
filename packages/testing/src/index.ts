export type { CustomerHistoryOptions, CustomerHistoryStep } from './arbitraries/customerHistory';
export { arbitraryCustomerHistory } from './arbitraries/customerHistory';
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
export { recordCustomerHistory } from './arbitraries/recordCustomerHistory';
export {
  expectConflict,
  expectKeyReused,
  expectValidation,
  readAllWithPrefix,
  testEvent,
  uniquePrefix,
} from './contract/contractHelpers';
export type { CdnowFile, CdnowTransaction } from './datasets/cdnow';
export { cdnowDirectory, cdnowEvents, loadCdnowTransactions } from './datasets/cdnow';
export type { ErasureHistory } from './datasets/graceHopper';
export { graceHopper } from './datasets/graceHopper';
export { personalCustomer } from './datasets/personalCustomer';
export type { DocSample } from './docs/docSamples';
export { docSamples, regionOf, syncDocSamples } from './docs/docSamples';
export { givenCustomer } from './given/givenCustomer';
export type { DeciderThen, DeciderWhen } from './given/givenDecider';
export { givenDecider } from './given/givenDecider';
export type { DeciderModel, DeciderRun } from './model/deciderCommands';
export { deciderCommands, runDeciderCommands } from './model/deciderCommands';
