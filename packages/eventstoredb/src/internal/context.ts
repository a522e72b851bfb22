import type { Clock, EventRegistry, RecordedEvent } from '@rapport/core';
import { RapportError } from '@rapport/core';
import type { Gateway, LogPosition, StoredRecord } from './gateway';
import type { RetryPolicy } from './retry';

/** The store's settings, defaults applied. */
export interface StoreConfig {
  readonly registry: EventRegistry | false;
  readonly clock: Clock;
  readonly tenantId: string;
  /** How far an event's `occurredAt` may lead its `recordedAt`; default 5 minutes. */
  readonly futureToleranceMs?: number;
  /** Records asked of the server per read when paging. */
  readonly pageSize: number;
  readonly retry: RetryPolicy;
}

/** What every store operation shares. */
export interface StoreContext {
  readonly gateway: Gateway;
  readonly config: StoreConfig;
  /** A stored record as a recorded event for readers: mapped, lifted to the current schema version, frozen. */
  readonly toRecorded: (record: StoredRecord) => RecordedEvent;
  /** A stored record as an append returns it: mapped and frozen, at the version it was written (as in memory). */
  readonly toAppended: (record: StoredRecord) => RecordedEvent;
  /** Throws StoreUnavailable once the store is closed. */
  readonly ensureOpen: () => void;
  readonly isClosed: () => boolean;
  /** Runs `onClose` when the store closes (live subscriptions complete); returns the deregistration. */
  readonly onClose: (onClose: () => void) => () => void;
}

/** The `$all` position of a record read from `$all` (where the server always sets it). */
export const positionOf = (record: StoredRecord): LogPosition => {
  if (record.position === undefined) {
    throw new RapportError(
      'Configuration',
      `EventStoreDB returned event ${record.id} without a log position`,
    );
  }
  return record.position;
};
