import type { ProjectionStatus } from './projectionStatus';

/** The status of a runner that has not started. */
export const statusOf = (
  definition: { readonly name: string; readonly version: number },
  collection: string,
): ProjectionStatus => ({
  projection: definition.name,
  version: definition.version,
  collection,
  state: 'idle',
  position: 0n,
  head: 0n,
  lagEvents: 0n,
  lagSeconds: 0,
  eventsPerSecond: 0,
  watermark: undefined,
  active: false,
  failure: undefined,
  lastError: undefined,
});
