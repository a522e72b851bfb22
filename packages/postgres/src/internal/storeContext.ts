import type { Clock, EventRegistry, RecordedEvent } from '@rapport/core';
import type { Database } from './database';
import type { Statements } from './statements';

/** What every operation of one store shares. */
export interface StoreContext {
  readonly db: Database;
  readonly statements: Statements;
  readonly schema: string;
  /** Bulk appends of at least this many events use COPY. */
  readonly copyThreshold: number;
  /** The tenant as stored (encoded). */
  readonly tenant: string;
  readonly tenantId: string;
  readonly registry: EventRegistry | false;
  readonly clock: Clock;
  /** How far an event's `occurredAt` may lead its `recordedAt`. */
  readonly futureToleranceMs: number;
  /** Lifts a stored event to the current version of its type (identity without upcasters). */
  readonly lift: (event: RecordedEvent) => RecordedEvent;
  readonly horizonWaitMs: number;
  /** Throws when the store is closed, then waits for migrations. */
  readonly ready: () => Promise<void>;
  /** Tells subscribers (local at once, other processes by NOTIFY) that something was appended. */
  readonly appended: (lastGlobalPosition: bigint) => void;
}
