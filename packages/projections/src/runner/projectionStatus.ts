import type { DeadLetter } from '../readModel/readModelStore';

/** What a runner is doing. */
export type RunnerState = 'idle' | 'catching-up' | 'live' | 'retrying' | 'stopped' | 'failed';

/** A snapshot of a runner's progress, as `status()` returns and `progress$` emits. */
export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly collection: string;
  readonly state: RunnerState;
  /** Global position of the last event applied and committed. */
  readonly position: bigint;
  /** Global position of the last event in the store, as last seen. */
  readonly head: bigint;
  /** Events (positions) between the checkpoint and the head. */
  readonly lagEvents: bigint;
  /** How long ago the last applied event was recorded, when behind the head; 0 when caught up. */
  readonly lagSeconds: number;
  /** Events applied per second over the last few seconds. */
  readonly eventsPerSecond: number;
  /** The watermark: timers at or before it have fired. */
  readonly watermark: string | undefined;
  /** True when readers see this version (it caught up once, and no later version replaced it). */
  readonly active: boolean;
  /** The dead letter that stopped the projection (state `'failed'`). */
  readonly failure: DeadLetter | undefined;
  /** The last infrastructure error (store or subscription), which the runner retries after. */
  readonly lastError: string | undefined;
}
