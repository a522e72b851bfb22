export * from './catalog/commerce';
export * from './catalog/communication';
export * from './catalog/consent';
export * from './catalog/credit';
export * from './catalog/feedback';
export * from './catalog/identity';
export type { TouchpointData, TouchpointEvent, TouchpointEventType } from './catalog/index';
export { touchpointEvents, touchpointUpcasters } from './catalog/index';
export * from './catalog/loyalty';
export * from './catalog/marketing';
export * from './catalog/service';
export * from './catalog/web';
export type { Clock, FakeClock } from './clock';
export { createFakeClock, systemClock } from './clock';
export type {
  CustomerCommand,
  CustomerCommandInput,
  CustomerCommandOf,
  CustomerCommandType,
} from './customer/commands';
export { customerCommandSchema, touchpointFactEvents } from './customer/commands';
export type {
  CustomerCommandOptions,
  CustomerService,
  CustomerServiceOptions,
  MergeResult,
  UnmergeOptions,
  UnmergeResult,
} from './customer/customerService';
export { createCustomerService } from './customer/customerService';
export { assertActiveCustomer, decideCustomer } from './customer/decide';
export { customerDecider, customerIdOfStream, customerStreamId } from './customer/decider';
export type { AbsorbedHoldings } from './customer/holdings';
export type {
  CustomerState,
  CustomerStatus,
  InvoiceBalance,
  OrderBalance,
  SkuBalance,
} from './customer/state';
export { consentKey, evolveCustomer, initialCustomerState, outstandingCredit } from './customer/state';
export type { CustomerStateJSON } from './customer/stateJson';
export { customerStateFromJSON, customerStateToJSON } from './customer/stateJson';
export type { Decider, DecisionContext } from './decider/decider';
export { foldEvents, occurredAtOf } from './decider/decider';
export type { CommandResult, HandleCommandOptions } from './decider/handleCommand';
export { handleCommand } from './decider/handleCommand';
export type {
  InMemorySnapshotStoreOptions,
  KeyedEvents,
  Snapshot,
  SnapshotStore,
} from './decider/snapshotStore';
export { createInMemorySnapshotStore } from './decider/snapshotStore';
export type { ConcurrencyConflictDetails, IdempotencyKeyReusedDetails } from './errors/guards';
export {
  concurrencyConflict,
  idempotencyKeyReused,
  illegalState,
  isConcurrencyConflict,
  isIdempotencyKeyReused,
  isIllegalState,
  isNotFound,
  isNotYet,
  isPartialWrite,
  notFound,
  notYet,
} from './errors/guards';
export type { RapportErrorCode, RapportErrorOptions } from './errors/rapportError';
export { isRapportError, RapportError } from './errors/rapportError';
export type { ValidationIssue } from './errors/validationError';
export { formatIssue, isValidationError, ValidationError } from './errors/validationError';
export { deterministicId, newEventId } from './ids';
export { deepFreeze } from './internal/deepFreeze';
export { ownValue, setOwn } from './internal/ownKeys';
export { PersistentMap } from './internal/persistentMap';
export type { PersonalFieldAudit } from './privacy/auditPersonalFields';
export { auditPersonalFields } from './privacy/auditPersonalFields';
export { decryptValue, encryptValue, isCiphertext } from './privacy/cipher';
export type { ErasingEventStore } from './privacy/erasingStore';
export { canErase } from './privacy/erasingStore';
export type { CustomerDataExport, ExportedTouchpoint } from './privacy/exportCustomerData';
export { exportCustomerData } from './privacy/exportCustomerData';
export type { ForgetRequest } from './privacy/forgetCustomer';
export { forgetCustomer } from './privacy/forgetCustomer';
export type { DataKey, KeyStore, KeySubject } from './privacy/keyStore';
export { createInMemoryKeyStore } from './privacy/keyStore';
export type { PersonalRewrite } from './privacy/personalFields';
export { personalRewrite } from './privacy/personalFields';
export type { ProtectedEventStore, ProtectedEventStoreOptions } from './privacy/protectedEventStore';
export { createProtectedEventStore, ERASED } from './privacy/protectedEventStore';
export type { SchemaField, SchemaFieldKind } from './privacy/schemaFields';
export type { DomainEvent, EventDefinition, EventFamily, EventOf, EventsOf } from './registry/defineEvent';
export { defineEvent } from './registry/defineEvent';
export type { EventRegistry, EventRegistryOptions } from './registry/eventRegistry';
export { createEventRegistry } from './registry/eventRegistry';
export { touchpointRegistry } from './registry/touchpointRegistry';
export type { AnyUpcaster, Upcaster } from './registry/upcaster';
export { defineUpcaster } from './registry/upcaster';
export type { ParseResult } from './schema/parse';
export { parseAs, safeParseAs } from './schema/parse';
export type { PersonalDataCategory } from './schema/personal';
export { isPersonal, personal, personalDataRegistry } from './schema/personal';
export * from './schema/primitives';
export { formatPath, renderValue } from './schema/zodIssues';
export { assertBulkAppends, assertBulkEntry } from './store/bulkEntry';
export type {
  AppendMetadata,
  Channel,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  Recorded,
  RecordedEvent,
} from './store/envelope';
export type {
  AllFilter,
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
  StreamAppend,
  SubscribeOptions,
} from './store/eventStore';
export {
  assertExpectedRevision,
  assertExpectedRevisionShape,
  describeRevision,
} from './store/expectedRevision';
export { defaultFutureToleranceMs, eventTimeOf, latestOccurredAt } from './store/futureTolerance';
export type { InMemoryEventStoreOptions } from './store/inMemoryEventStore';
export { createInMemoryEventStore } from './store/inMemoryEventStore';
export type { IntegerBounds, OptionReader } from './store/optionReader';
export { maxTimerMs, readOptions } from './store/optionReader';
export type { PrepareContext, PreparedEvent } from './store/prepareEvents';
export { appendLimits, assertStreamId, prepareEvents } from './store/prepareEvents';
export {
  maxReadAllCount,
  normalizeFilter,
  normalizeReadAllOptions,
  normalizeReadStreamOptions,
} from './store/readOptions';
export type { RepeatedAppend, RepeatedEvent } from './store/repeatedAppend';
export { appendDifference, appendResultOf, assertRepeatedAppend } from './store/repeatedAppend';
export type { CommonStoreOptions } from './store/storeOptions';
export { assertOptionBag, isOptionBag, resolveStoreOptions } from './store/storeOptions';
