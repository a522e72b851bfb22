import { isRapportError, RapportError } from './rapportError';

/** Details carried by a concurrency conflict. */
export interface ConcurrencyConflictDetails {
  readonly streamId: string;
  readonly expectedRevision: string;
  readonly actualRevision: string;
}

/** Raised when an append's expected revision does not match the stream; nothing was written. */
export const concurrencyConflict = (details: ConcurrencyConflictDetails, cause?: unknown): RapportError =>
  new RapportError(
    'ConcurrencyConflict',
    `stream ${details.streamId}: expected revision ${details.expectedRevision} but the stream is at ${details.actualRevision}`,
    cause === undefined ? { data: { ...details } } : { data: { ...details }, cause },
  );

/** Details carried by the refusal of an idempotency key repeated with other events. */
export interface IdempotencyKeyReusedDetails {
  readonly idempotencyKey: string;
  readonly streamId: string;
  /** Where the repeated append first differs from the one recorded under the key, e.g. `events[0].data.total`. */
  readonly difference: string;
  /** The stream revisions of the events first recorded under the key (read them to see what they were). */
  readonly firstRevision: string;
  readonly lastRevision: string;
}

/** Raised when an append repeats an idempotency key already used on its stream with other events; nothing was written. */
export const idempotencyKeyReused = (details: IdempotencyKeyReusedDetails, cause?: unknown): RapportError =>
  new RapportError(
    'IdempotencyKeyReused',
    `idempotency key ${JSON.stringify(details.idempotencyKey)} was already used on stream ${details.streamId} for other events (${details.difference} differs): a retry must repeat the same events, a new request needs a new key`,
    cause === undefined ? { data: { ...details } } : { data: { ...details }, cause },
  );

/** Raised when a command is well-formed but the current state forbids it. */
export const illegalState = (message: string, data: Record<string, unknown> = {}): RapportError =>
  new RapportError('IllegalState', message, { data });

/** Raised when the thing a command addresses does not exist. */
export const notFound = (message: string, data: Record<string, unknown> = {}): RapportError =>
  new RapportError('NotFound', message, { data });

/**
 * Raised when what a command refers to is not recorded yet but may be soon (an effect that ran ahead of the one it
 * follows): unlike `NotFound`, the effect dispatcher retries it with backoff.
 */
export const notYet = (message: string, data: Record<string, unknown> = {}): RapportError =>
  new RapportError('NotYet', message, { data });

/** True when `error` is a concurrency conflict. */
export const isConcurrencyConflict = (error: unknown): error is RapportError =>
  isRapportError(error, 'ConcurrencyConflict');

/** True when `error` refuses an idempotency key repeated with other events. */
export const isIdempotencyKeyReused = (error: unknown): error is RapportError =>
  isRapportError(error, 'IdempotencyKeyReused');

/** True when `error` is an illegal-state rejection. */
export const isIllegalState = (error: unknown): error is RapportError =>
  isRapportError(error, 'IllegalState');

/** True when `error` is a not-found rejection. */
export const isNotFound = (error: unknown): error is RapportError => isRapportError(error, 'NotFound');

/** True when what a command refers to is not recorded yet. */
export const isNotYet = (error: unknown): error is RapportError => isRapportError(error, 'NotYet');

/** True when a multi-stream write stopped part-way on a store without multi-stream transactions. */
export const isPartialWrite = (error: unknown): error is RapportError =>
  isRapportError(error, 'PartialWrite');
