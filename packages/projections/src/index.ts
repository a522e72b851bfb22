export type { FailurePolicy, ProjectionDefinition } from './definition/defineProjection';
export { defineProjection } from './definition/defineProjection';
export type { Json } from './definition/json';
export type { ProjectionContext, Timer } from './definition/projectionContext';
export type { FoldOptions, FoldResult } from './fold/foldProjection';
export { foldProjection } from './fold/foldProjection';
export type {
  ActiveVersion,
  Alias,
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
