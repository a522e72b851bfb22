import { type AppendResult, RapportError } from '@rapport/core';

/** What a bulk append had done when it stopped. */
export interface PartialAppendDetails {
  /** Appends that are recorded (written by this call, or duplicates of earlier ones), in call order. */
  readonly completed: readonly AppendResult[];
  /** The stream whose append failed; it may or may not have been written when the cause is a lost connection. */
  readonly failedStreamId: string;
  /** Streams after the failed one, never attempted. */
  readonly notAttempted: readonly string[];
}

/**
 * Thrown by `appendToStreams` on EventStoreDB when a stream's append fails after earlier streams of the same
 * call were written: EventStoreDB has no transaction across streams, so the call is not atomic. The code is
 * `PartialWrite` (a code of its own) so generic retry loops do not blindly repeat the call; repeating it is safe only when every
 * append's first event carries an idempotency key (written streams then come back as duplicates).
 */
export class PartialAppendError extends RapportError {
  readonly completed: readonly AppendResult[];
  readonly failedStreamId: string;
  readonly notAttempted: readonly string[];

  constructor(details: PartialAppendDetails, cause: unknown) {
    const written = details.completed.map((result) => result.streamId);
    super(
      'PartialWrite',
      `bulk append stopped part-way (EventStoreDB has no multi-stream transaction): ` +
        `${written.length} stream(s) recorded [${written.join(', ')}], ` +
        `${details.failedStreamId} failed (${cause instanceof Error ? cause.message : String(cause)}), ` +
        `${details.notAttempted.length} not attempted`,
      {
        cause,
        data: {
          partial: true,
          written,
          failedStreamId: details.failedStreamId,
          notAttempted: [...details.notAttempted],
        },
      },
    );
    this.name = 'RapportPartialAppendError';
    this.completed = details.completed;
    this.failedStreamId = details.failedStreamId;
    this.notAttempted = details.notAttempted;
  }
}

/** True when `error` reports a bulk append that was only partly written. */
export const isPartialAppendError = (error: unknown): error is PartialAppendError =>
  error instanceof PartialAppendError;
