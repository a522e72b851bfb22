export type { FailurePolicy, ProjectionDefinition } from './definition/defineProjection';
export { defineProjection } from './definition/defineProjection';
export type { Json } from './definition/json';
export type { ProjectionContext, Timer, TimerRequest } from './definition/projectionContext';
export { detachedContext } from './definition/projectionContext';
export type { FoldOptions, FoldResult } from './fold/foldProjection';
export { foldProjection } from './fold/foldProjection';
export type { OrderDifference } from './fold/orderIndependence';
export { assertOrderIndependent, inEventTimeOrder, orderIndependenceDiff } from './fold/orderIndependence';
export { collectionName } from './readModel/collectionName';
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
