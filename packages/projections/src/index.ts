export { assertHandlesKnown } from './definition/assertHandlesKnown';
export type { FailurePolicy, ProjectionDefinition } from './definition/defineProjection';
export { defineProjection } from './definition/defineProjection';
export type { AnyProjection, ReactorDefinition, ReactorEmits } from './definition/defineReactor';
export { defineReactor, isReactor } from './definition/defineReactor';
export type { Json } from './definition/json';
export type { ProjectionContext, Timer, TimerRequest } from './definition/projectionContext';
export { detachedContext } from './definition/projectionContext';
export type {
  CommandRequest,
  EffectOptions,
  MessageRequest,
  ReactorContext,
} from './definition/reactorContext';
export type {
  AnyCommandRoute,
  BackoffOptions,
  CommandRoute,
  EffectDispatcherOptions,
  MessageSender,
  OutboundMessage,
} from './dispatch/dispatcherOptions';
export type { DispatchReport, EffectDispatcher } from './dispatch/effectDispatcher';
export { createEffectDispatcher } from './dispatch/effectDispatcher';
export { checkEffects } from './effects/checkEffects';
export type { Effect, EffectCause, EffectKind } from './effects/effect';
export { effectId } from './effects/effect';
export type {
  ClaimOptions,
  EffectError,
  EffectHistoryEntry,
  EffectOutcome,
  EffectStatus,
  ListEffectsOptions,
  OutboxEntry,
  OutboxPage,
  OutboxStore,
} from './effects/outbox';
export type { FoldOptions, FoldResult } from './fold/foldProjection';
export { foldProjection } from './fold/foldProjection';
export type { OrderDifference } from './fold/orderIndependence';
export { assertOrderIndependent, inEventTimeOrder, orderIndependenceDiff } from './fold/orderIndependence';
export { collectionName } from './readModel/collectionName';
export { checkDocument, checkDocuments, documentProblem } from './readModel/documentRule';
export type { InMemoryReadModelStoreOptions } from './readModel/inMemoryReadModelStore';
export { createInMemoryReadModelStore } from './readModel/inMemoryReadModelStore';
export type { ProjectionReader, ReaderPage } from './readModel/projectionReader';
export { createProjectionReader } from './readModel/projectionReader';
export type {
  ActiveVersion,
  Alias,
  AliasChange,
  AliasRemoval,
  Checkpoint,
  CommitReadModel,
  DeadLetter,
  DeleteDocument,
  DocumentChange,
  DocumentPage,
  DropCollection,
  DueTimers,
  DueTimersOptions,
  GetDocument,
  GetDocuments,
  ListAliases,
  ListDeadLetters,
  ListDocuments,
  ListOptions,
  ListTimers,
  PutDocument,
  ReadCheckpoint,
  ReadModelCommit,
  ReadModelStore,
  StoredTimer,
  TimerChange,
} from './readModel/readModelStore';
export type { ProjectionRunner } from './runner/projectionRunner';
export { createProjectionRunner } from './runner/projectionRunner';
export type { ProjectionStatus, RunnerState } from './runner/projectionStatus';
export type { ProjectionRunnerOptions } from './runner/runnerOptions';
