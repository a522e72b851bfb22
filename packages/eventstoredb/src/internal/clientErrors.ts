/**
 * The client's errors as Rapport's. With `client.ts`, the only modules that touch `@eventstore/db-client`.
 */
import { ErrorType } from '@eventstore/db-client';
import { concurrencyConflict, type ExpectedRevision, RapportError } from '@rapport/core';

/** What was being done when an error happened, for messages and conflict details. */
export interface ErrorContext {
  readonly operation: string;
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
}

/** An expected revision (Rapport's or the client's raw constant) as conflict details name it. */
export const describeExpected = (expected: unknown): string => {
  if (typeof expected === 'bigint') {
    if (expected >= 0n) return expected.toString();
    // raw server constants: -1 no stream, -2 any, -4 stream exists
    return expected === -1n ? 'no_stream' : expected === -4n ? 'stream_exists' : 'any';
  }
  return String(expected);
};

/** The revision a conflict found, as its details name it. */
export const describeActual = (actual: unknown): string =>
  typeof actual === 'bigint' && actual >= 0n ? actual.toString() : 'no_stream';

/** The client's error type of an error (`ErrorType`), if it is one of the client's. */
export const errorType = (error: unknown): string | undefined => {
  const type: unknown = error instanceof Error ? (error as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
};

/**
 * Maps a client error to Rapport's errors: a wrong expected version becomes a ConcurrencyConflict naming
 * the expected and actual revisions; the maximum append size becomes LimitExceeded; a deleted stream
 * IllegalState; access denied Configuration; every other client failure StoreUnavailable (retryable).
 * Errors that are not the client's (our own bugs) pass through unchanged.
 */
export const mapClientError = (error: unknown, context: ErrorContext): Error => {
  if (error instanceof RapportError) return error;
  if (typeof error === 'string') error = new Error(error); // the client throws strings on impossible states
  const type = errorType(error);
  const where = context.streamId === undefined ? '' : ` on stream ${context.streamId}`;
  const message = `EventStoreDB ${context.operation}${where} failed: ${(error as Error).message}`;
  switch (type) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      const raw = error as { streamName?: string; expectedVersion?: unknown; actualVersion?: unknown };
      return concurrencyConflict(
        {
          streamId: context.streamId ?? raw.streamName ?? 'unknown',
          expectedRevision: describeExpected(context.expected ?? raw.expectedVersion),
          actualRevision: describeActual(raw.actualVersion),
        },
        error,
      );
    }
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED: {
      const limit = (error as { maxAppendSize?: number }).maxAppendSize;
      return new RapportError(
        'LimitExceeded',
        `append${where} exceeds EventStoreDB's maximum append size (${limit} bytes); split the batch`,
        { cause: error, data: { limit } },
      );
    }
    case ErrorType.STREAM_DELETED:
      return new RapportError('IllegalState', `stream ${context.streamId} was deleted in EventStoreDB`, {
        cause: error,
        data: { streamId: context.streamId },
      });
    case ErrorType.ACCESS_DENIED:
      return new RapportError('Configuration', `${message} (access denied: check the credentials)`, {
        cause: error,
      });
    case undefined:
      if (!(error instanceof Error) || !('code' in error)) return error as Error;
      return new RapportError('StoreUnavailable', message, { cause: error });
    default:
      return new RapportError('StoreUnavailable', message, { cause: error });
  }
};

/** True when the client says the stream does not exist or was deleted (a read of it finds nothing). */
export const isMissingStream = (error: unknown): boolean => {
  const type = errorType(error);
  return type === ErrorType.STREAM_NOT_FOUND || type === ErrorType.STREAM_DELETED;
};
