import type { Effect } from './effect';

/** Where an effect stands: waiting to be executed (or retried), executed and acknowledged, or given up on. */
export type EffectStatus = 'pending' | 'sent' | 'dead';

/** An error as the outbox keeps it. */
export interface EffectError {
  readonly message: string;
  /** The `RapportError` code, when the error was one. */
  readonly code: string | undefined;
}

/** One line of an effect's history, oldest first. */
export type EffectHistoryEntry =
  | { readonly at: string; readonly what: 'created' }
  | {
      readonly at: string;
      readonly what: 'failed';
      readonly attempt: number;
      readonly error: EffectError;
      readonly retryAt: string;
    }
  | { readonly at: string; readonly what: 'sent'; readonly attempt: number }
  | { readonly at: string; readonly what: 'dead'; readonly attempt: number; readonly error: EffectError }
  | { readonly at: string; readonly what: 'retried'; readonly retryAt: string };

/** An effect in the outbox with its delivery state. */
export interface OutboxEntry extends Effect {
  readonly status: EffectStatus;
  /** Executions tried so far. */
  readonly attempts: number;
  /** Wall-clock time it was committed. */
  readonly createdAt: string;
  /** When it is next due (pending), or when it was settled (sent, dead). */
  readonly dueAt: string;
  readonly history: readonly EffectHistoryEntry[];
}

/** Options of `claim`: pending effects due by `now`, leased to `owner` until `leaseUntil`, oldest due first. */
export interface ClaimOptions {
  readonly now: string;
  readonly limit: number;
  readonly owner: string;
  /** While the lease runs no other claim returns the effect; after it (a dispatcher that died) another may. */
  readonly leaseUntil: string;
}

/** The outcome of one attempt, recorded by the dispatcher that holds the lease. */
export type EffectOutcome =
  | { readonly outcome: 'sent'; readonly owner: string; readonly at: string }
  | {
      readonly outcome: 'failed';
      readonly owner: string;
      readonly at: string;
      readonly error: EffectError;
      readonly retryAt: string;
    }
  | { readonly outcome: 'dead'; readonly owner: string; readonly at: string; readonly error: EffectError };

/** Options of a listing: filters, in the order effects entered the outbox, paged by `after` (an id from an earlier page). */
export interface ListEffectsOptions {
  readonly status?: EffectStatus;
  readonly reactor?: string;
  readonly after?: string;
  /** At most this many; default 100. */
  readonly limit?: number;
}

/** A page of outbox entries. */
export interface OutboxPage {
  readonly entries: readonly OutboxEntry[];
  /** Pass as `after` for the next page; undefined when this was the last page. */
  readonly next: string | undefined;
}

/**
 * The outbox part of the read-model store port. Effects enter it only through `ReadModelCommit.effects`, in the
 * reactor's commit, and an id already there is left as it is: a replay, a rebuild or a new reactor version that
 * derives the same effect again adds nothing and resets nothing.
 */
export interface OutboxStore {
  /**
   * Leases pending effects that are due and not leased to anyone (or whose lease ran out), oldest due first. A
   * command waits while a command of the same reactor and document that entered before it is pending (due, leased or
   * waiting to be retried): a reactor's commands for one document run one at a time, in the order it emitted them,
   * and a dead one lets the next go. Messages wait for nothing.
   */
  claim(options: ClaimOptions): Promise<readonly OutboxEntry[]>;
  /**
   * Records an attempt's outcome: `sent` settles it for good, `failed` counts the attempt and makes it due again at
   * `retryAt`, `dead` gives up. False (and nothing written) unless it is pending and leased to `owner` (a lease that ran out still
   * counts until another dispatcher claims the effect).
   */
  settle(id: string, outcome: EffectOutcome): Promise<boolean>;
  get(id: string): Promise<OutboxEntry | undefined>;
  list(options?: ListEffectsOptions): Promise<OutboxPage>;
  /** Makes a dead effect pending again, due at `at`; a NotFound error for an unknown id, IllegalState unless dead. */
  retry(id: string, at: string): Promise<OutboxEntry>;
}
