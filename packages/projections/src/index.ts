export type { FailurePolicy, ProjectionDefinition } from './definition/defineProjection';
export { defineProjection } from './definition/defineProjection';
export type { Json } from './definition/json';
export type { ProjectionContext, Timer } from './definition/projectionContext';
