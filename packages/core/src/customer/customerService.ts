import type { Clock } from '../clock';
import { foldEvents } from '../decider/decider';
import { type CommandResult, handleCommand } from '../decider/handleCommand';
import { loadStream } from '../decider/loadStream';
import type { SnapshotStore } from '../decider/snapshotStore';
import { illegalState } from '../errors/guards';
import { parseAs } from '../schema/parse';
import type { AppendMetadata, RecordedEvent } from '../store/envelope';
import type { EventStore } from '../store/eventStore';
import { readOptions } from '../store/optionReader';
import { type CustomerCommandInput, customerCommandSchema, identityStepTypes } from './commands';
import { identityStepRefused } from './decide';
import { forgetDecider } from './decideForget';
import { customerDecider, customerStreamId, identityStepDecider } from './decider';
import { forgetRecord } from './forgetRecord';
import { mergeCustomers } from './mergeCustomers';
import type {
  CustomerCommandOptions,
  MergeResult,
  ServiceContext,
  UnmergeOptions,
  UnmergeResult,
} from './serviceContext';
import type { CustomerState } from './state';
import { unmergeCustomers } from './unmergeCustomers';

export type { CustomerCommandOptions, MergeResult, UnmergeOptions, UnmergeResult } from './serviceContext';

/** Commands and queries on customer records, over any event store. */
export interface CustomerService {
  /**
   * Runs a command against the customer it names (all but `MergeCustomers` and `UnmergeCustomers`: see `merge` and
   * `unmerge`). `ForgetCustomer` is the erasure: it records `CustomerForgotten`, then destroys the keys of the
   * customer and of every record merged into it, so their personal data reads as `ERASED` everywhere; it needs a
   * protected store (a Configuration error otherwise) and finishes an erasure stopped part-way when repeated.
   */
  execute(
    command: CustomerCommandInput,
    options?: CustomerCommandOptions,
  ): Promise<CommandResult<CustomerState>>;
  /** Folds `absorbedId` into `survivorId`: closes the absorbed record and hands its open orders and invoices over. Safe to re-run after a crash. */
  merge(survivorId: string, absorbedId: string, options?: CustomerCommandOptions): Promise<MergeResult>;
  /** Undoes that merge: the survivor gives back what came from `absorbedId`, which is active again. Safe to re-run after a crash. */
  unmerge(survivorId: string, absorbedId: string, options?: UnmergeOptions): Promise<UnmergeResult>;
  /** The decider state of a customer now. */
  state(customerId: string): Promise<CustomerState>;
  /** Every recorded event of a customer's stream, in order. */
  history(customerId: string): Promise<readonly RecordedEvent[]>;
}

/** Options of the customer service. */
export interface CustomerServiceOptions {
  /**
   * Keeps each customer's folded state between commands (see `handleCommand`), so a command on a customer with a
   * long history reads only the events since the last one; e.g. `createInMemorySnapshotStore()`.
   */
  readonly snapshots?: SnapshotStore<CustomerState>;
  /**
   * The time a command given no `metadata.occurredAt` is decided at (a refund may not be dated before its order):
   * give the store's clock, which stamps such events; default the system clock.
   */
  readonly clock?: Clock;
}

/**
 * Creates the customer service on a store.
 *
 * @example
 * const customers = createCustomerService(store, { snapshots: createInMemorySnapshotStore() });
 */
export const createCustomerService = (
  store: EventStore,
  options: CustomerServiceOptions = {},
): CustomerService => {
  const read = readOptions('createCustomerService', options);
  const snapshots = read.service<SnapshotStore<CustomerState> | undefined>(
    'snapshots',
    ['load', 'save'],
    'a SnapshotStore',
    true,
  );
  const clock = read.service<Clock | undefined>('clock', ['now'], 'a Clock', true);
  const handling = {
    ...(snapshots === undefined ? {} : { snapshots }),
    ...(clock === undefined ? {} : { clock }),
  };
  const load = async (customerId: string) => {
    const stream = await store.readStream(customerStreamId(customerId));
    return { stream, state: foldEvents(customerDecider, stream.events) };
  };
  const keyOf = (options: CustomerCommandOptions, suffix: string | undefined) =>
    options.idempotencyKey === undefined || suffix === undefined
      ? {}
      : { idempotencyKey: `${options.idempotencyKey}/${suffix}` };
  const metadataFor = (
    customerId: string,
    options: CustomerCommandOptions,
    keySuffix?: string,
  ): AppendMetadata => ({ ...options.metadata, customerId, ...keyOf(options, keySuffix) });

  const context: ServiceContext = {
    store,
    load,
    metadataFor,
    step: (command, options, keySuffix) =>
      handleCommand(store, identityStepDecider, command, {
        streamId: customerStreamId(command.data.customerId),
        metadata: metadataFor(command.data.customerId, options),
        ...keyOf(options, keySuffix),
        ...handling,
      }),
  };

  const execute = async (command: CustomerCommandInput, options: CustomerCommandOptions = {}) => {
    const type = (command as { readonly type?: unknown } | null)?.type;
    if (typeof type === 'string' && identityStepTypes.has(type)) throw identityStepRefused(type);
    const parsed = parseAs(
      customerCommandSchema,
      command,
      typeof command?.type === 'string' ? command.type : 'command',
    );
    if (parsed.type === 'MergeCustomers') {
      throw illegalState('MergeCustomers spans two customers: call merge(survivorId, absorbedId)');
    }
    if (parsed.type === 'UnmergeCustomers') {
      throw illegalState('UnmergeCustomers spans two customers: call unmerge(survivorId, absorbedId)');
    }
    const { customerId } = parsed.data;
    const run = (decider: typeof customerDecider) =>
      handleCommand(store, decider, parsed, {
        streamId: customerStreamId(customerId),
        metadata: metadataFor(customerId, options),
        ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
        ...handling,
      });
    if (parsed.type === 'ForgetCustomer') return forgetRecord(context, customerId, () => run(forgetDecider));
    return run(customerDecider);
  };

  return {
    execute,
    merge: (survivorId, absorbedId, options) => mergeCustomers(context, survivorId, absorbedId, options),
    unmerge: (survivorId, absorbedId, options) => unmergeCustomers(context, survivorId, absorbedId, options),
    state: async (customerId) =>
      snapshots === undefined
        ? (await load(customerId)).state
        : (await loadStream(store, customerDecider, customerStreamId(customerId), undefined, snapshots))
            .state,
    history: async (customerId) => (await store.readStream(customerStreamId(customerId))).events,
  };
};
