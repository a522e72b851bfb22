/** Stable machine-readable codes for every error Rapport throws. */
export type RapportErrorCode =
  | 'Validation'
  | 'ConcurrencyConflict'
  | 'IdempotencyKeyReused'
  | 'IllegalState'
  | 'NotFound'
  /** What the command needs is not recorded yet (e.g. an earning a reversal refers to): a later retry may succeed. */
  | 'NotYet'
  | 'LimitExceeded'
  | 'StoreUnavailable'
  | 'PartialWrite'
  | 'Configuration';

/** Options shared by every Rapport error. */
export interface RapportErrorOptions {
  readonly cause?: unknown;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The one base class of Rapport errors: a stable `code`, a human message, data fields and an optional cause. */
export class RapportError extends Error {
  readonly code: RapportErrorCode;
  readonly data: Readonly<Record<string, unknown>>;

  constructor(code: RapportErrorCode, message: string, options: RapportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = `Rapport${code}Error`;
    this.code = code;
    this.data = options.data ?? {};
  }
}

/** True when `error` is a Rapport error, optionally of the given code. */
export const isRapportError = (error: unknown, code?: RapportErrorCode): error is RapportError =>
  error instanceof RapportError && (code === undefined || error.code === code);
