import { isRapportError, maxTimerMs, type OptionReader } from '@rapport/core';

/** How a subscription resumes after a drop: bounded attempts with exponential back-off. */
export interface RetryPolicy {
  /** Consecutive failed attempts tolerated before the error reaches the subscriber. */
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** About a minute of attempts: 0.25 s, 0.5 s, 1 s … capped at 10 s, ten times. */
export const defaultRetryPolicy: RetryPolicy = { maxRetries: 10, initialDelayMs: 250, maxDelayMs: 10_000 };

/** Reads a `subscriptionRetry` options bag, each entry defaulting to `defaultRetryPolicy`. */
export const resolveRetry = (read: OptionReader): RetryPolicy => ({
  maxRetries: read.integer('maxRetries', defaultRetryPolicy.maxRetries, { min: 1, max: 1_000_000 }),
  initialDelayMs: read.integer('initialDelayMs', defaultRetryPolicy.initialDelayMs, {
    min: 1,
    max: maxTimerMs,
  }),
  maxDelayMs: read.integer('maxDelayMs', defaultRetryPolicy.maxDelayMs, { min: 1, max: maxTimerMs }),
});

/** The pause before attempt `attempt` (1-based). */
export const retryDelay = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));

/** Only transient failures are worth another attempt; the gateway marks them `StoreUnavailable`. */
export const isRetryable = (error: unknown): boolean => isRapportError(error, 'StoreUnavailable');

/** Waits `ms`, or less when `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
