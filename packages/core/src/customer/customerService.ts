import { foldEvents } from '../decider/decider';
import { type CommandResult, handleCommand } from '../decider/handleCommand';
import { illegalState, isConcurrencyConflict } from '../errors/guards';
import { ValidationError } from '../errors/validationError';
import { parseAs } from '../schema/parse';
import type { AppendMetadata, RecordedEvent } from '../store/envelope';
import type { EventStore } from '../store/eventStore';
import { type CustomerCommandInput, customerCommandSchema } from './commands';
import { assertActiveCustomer, decideCustomer } from './decide';
import { customerDecider, customerStreamId } from './decider';
import type { CustomerState } from './state';

/** Per-call options of the customer service. */
export interface CustomerCommandOptions {
  /** The same key twice records once. */
  readonly idempotencyKey?: string;
  /** Stamped on the recorded events: occurredAt, channel, source, actor, correlation and causation ids. */
  readonly metadata?: Omit<AppendMetadata, 'customerId' | 'idempotencyKey'>;
}

/** What a merge did on each side. */
export interface MergeResult {
  readonly absorbed: readonly RecordedEvent[];
  readonly survivor: readonly RecordedEvent[];
}

/** Commands and queries on customer records, over any event store. */
export interface CustomerService {
  /** Runs a command against the customer it names (all but `MergeCustomers`, which `merge` runs). */
  execute(
    command: CustomerCommandInput,
    options?: CustomerCommandOptions,
  ): Promise<CommandResult<CustomerState>>;
  /** Folds `absorbedId` into `survivorId`: closes the absorbed record and hands its open orders and invoices over. Safe to re-run after a crash. */
  merge(survivorId: string, absorbedId: string, options?: CustomerCommandOptions): Promise<MergeResult>;
  /** The decider state of a customer now. */
  state(customerId: string): Promise<CustomerState>;
  /** Every recorded event of a customer's stream, in order. */
  history(customerId: string): Promise<readonly RecordedEvent[]>;
}

/** Creates the customer service on a store. */
export const createCustomerService = (store: EventStore): CustomerService => {
  const load = async (customerId: string) => {
    const stream = await store.readStream(customerStreamId(customerId));
    return { stream, state: foldEvents(customerDecider, stream.events) };
  };
  const metadataFor = (customerId: string, options: CustomerCommandOptions): AppendMetadata => ({
    ...options.metadata,
    customerId,
  });

  const execute = async (command: CustomerCommandInput, options: CustomerCommandOptions = {}) => {
    const parsed = parseAs(
      customerCommandSchema,
      command,
      typeof command?.type === 'string' ? command.type : 'command',
    );
    if (parsed.type === 'MergeCustomers') {
      throw illegalState('MergeCustomers spans two customers: call merge(survivorId, absorbedId)');
    }
    const { customerId } = parsed.data;
    return handleCommand(store, customerDecider, parsed, {
      streamId: customerStreamId(customerId),
      metadata: metadataFor(customerId, options),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  };

  const merge = async (
    survivorId: string,
    absorbedId: string,
    options: CustomerCommandOptions = {},
  ): Promise<MergeResult> => {
    parseAs(
      customerCommandSchema,
      { type: 'MergeCustomers', data: { customerId: survivorId, absorbedId } },
      'MergeCustomers',
    );
    if (survivorId === absorbedId) {
      throw new ValidationError([
        { path: 'MergeCustomers.data.absorbedId', rule: 'must differ from customerId', got: absorbedId },
      ]);
    }
    const keyed = (side: string) =>
      options.idempotencyKey === undefined ? {} : { idempotencyKey: `${options.idempotencyKey}/${side}` };
    for (let attempt = 0; ; attempt++) {
      const [absorbed, survivor] = await Promise.all([load(absorbedId), load(survivorId)]);
      assertActiveCustomer(survivor.state, survivorId);
      const alreadyAbsorbed = survivor.stream.events.some(
        (event) =>
          event.type === 'CustomersMerged' &&
          (event.data as { absorbedId: string }).absorbedId === absorbedId,
      );
      const resuming = absorbed.state.status === 'merged' && absorbed.state.mergedInto === survivorId;
      if (resuming && alreadyAbsorbed) return { absorbed: [], survivor: [] };
      let closed: readonly RecordedEvent[] = [];
      if (!resuming) {
        const events = decideCustomer(
          { type: 'MarkMergedInto', data: { customerId: absorbedId, survivorId } },
          absorbed.state,
        );
        try {
          const metadata = { ...metadataFor(absorbedId, options), ...keyed('absorbed') };
          closed = (
            await store.appendToStream(
              customerStreamId(absorbedId),
              events.map((event) => ({ ...event, metadata })),
              {
                expectedRevision: absorbed.stream.revision!,
              },
            )
          ).events;
        } catch (error) {
          if (isConcurrencyConflict(error) && attempt < 3) continue;
          throw error;
        }
      }
      const transferred = {
        orders: Object.entries(absorbed.state.orders).map(([orderId, order]) => ({ orderId, ...order })),
        invoices: Object.entries(absorbed.state.invoices).map(([invoiceId, invoice]) => ({
          invoiceId,
          ...invoice,
        })),
        openTickets: Object.keys(absorbed.state.openTickets),
        openComplaints: Object.keys(absorbed.state.openComplaints),
      };
      const result = await handleCommand(
        store,
        customerDecider,
        { type: 'AbsorbCustomer', data: { customerId: survivorId, absorbedId, transferred } },
        {
          streamId: customerStreamId(survivorId),
          metadata: metadataFor(survivorId, options),
          ...keyed('survivor'),
        },
      );
      return { absorbed: closed, survivor: result.events };
    }
  };

  return {
    execute,
    merge,
    state: async (customerId) => (await load(customerId)).state,
    history: async (customerId) => (await store.readStream(customerStreamId(customerId))).events,
  };
};
