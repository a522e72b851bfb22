import type { CommandResult } from '../decider/handleCommand';
import type { AppendMetadata, RecordedEvent } from '../store/envelope';
import type { EventStore, ReadStreamResult } from '../store/eventStore';
import type { IdentityStep } from './decideIdentity';
import type { CustomerState } from './state';

/** Per-call options of the customer service. */
export interface CustomerCommandOptions {
  /** The same key twice records once; used again for another command or payload, it is refused (`IdempotencyKeyReused`). */
  readonly idempotencyKey?: string;
  /** Stamped on the recorded events: occurredAt, channel, source, actor, correlation and causation ids. */
  readonly metadata?: Omit<AppendMetadata, 'customerId' | 'idempotencyKey'>;
}

/** Options of an unmerge: the usual ones and why the merge is undone (recorded on the survivor's event). */
export interface UnmergeOptions extends CustomerCommandOptions {
  readonly reason?: string;
}

/** What a merge did on each side. */
export interface MergeResult {
  readonly absorbed: readonly RecordedEvent[];
  readonly survivor: readonly RecordedEvent[];
}

/** What an unmerge did on each side: `CustomersUnmerged` on the survivor, then `CustomerRestored` on the absorbed record. */
export interface UnmergeResult {
  readonly survivor: readonly RecordedEvent[];
  readonly absorbed: readonly RecordedEvent[];
}

/** A customer stream read and folded. */
export interface LoadedCustomer {
  readonly stream: ReadStreamResult;
  readonly state: CustomerState;
}

/** What the two-stream operations (merge, unmerge) share with the service. */
export interface ServiceContext {
  readonly store: EventStore;
  load(customerId: string): Promise<LoadedCustomer>;
  /** Runs one identity step on the stream of `command.data.customerId`, with the caller's metadata. */
  step(
    command: IdentityStep,
    options: CustomerCommandOptions,
    /** Appended to the caller's idempotency key, so that each stream's step is recorded once. */
    keySuffix: string,
  ): Promise<CommandResult<CustomerState>>;
  /** The caller's metadata for one customer's stream, with the idempotency key of one step when given. */
  metadataFor(customerId: string, options: CustomerCommandOptions, keySuffix?: string): AppendMetadata;
}
