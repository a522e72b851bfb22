import type { RecordedEvent } from '@rapport/core';
import type { FailurePolicy } from '../../definition/defineProjection';
import type { DeadLetter, StoredTimer } from '../../readModel/readModelStore';

/** What went wrong, and where. */
export interface FailureSite {
  readonly error: unknown;
  readonly event: RecordedEvent | undefined;
  readonly key: string | undefined;
  readonly timer: StoredTimer | undefined;
  /** The engine's position before the failure. */
  readonly position: bigint;
}

/** Builds the dead letter of a failed event or timer. */
export const createDeadLetter = (
  definition: { readonly name: string; readonly version: number },
  policy: FailurePolicy,
  site: FailureSite,
): DeadLetter => {
  const { error, event, key, timer } = site;
  return {
    projection: definition.name,
    version: definition.version,
    position: event?.globalPosition ?? site.position,
    eventId: event?.id,
    eventType: event?.type,
    key,
    timer,
    error: {
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    },
    policy,
    recordedAt: undefined,
  };
};

/** The identity a store upserts a dead letter by, so a retried failure is recorded once. */
export const deadLetterId = (letter: DeadLetter): string =>
  letter.timer === undefined
    ? `${letter.position}`
    : `${letter.position}/timer/${letter.timer.key}\u0000${letter.timer.name}`;
