import { idempotencyKeyReused, isConcurrencyConflict } from '../errors/guards';
import { ValidationError } from '../errors/validationError';
import { jsonLengthIfNear } from '../internal/jsonSize';
import { parseAs } from '../schema/parse';
import type { RecordedEvent } from '../store/envelope';
import { appendLimits } from '../store/prepareEvents';
import { customerCommandSchema } from './commands';
import { assertActiveCustomer, decideCustomerOrStep } from './decide';
import { customerStreamId } from './decider';
import { listedOrder } from './holdings';
import type { CustomerCommandOptions, MergeResult, ServiceContext } from './serviceContext';
import type { CustomerState } from './state';

/**
 * Refuses a merge whose idempotency key already merged another record into the survivor, before anything is written:
 * the key lives on each stream apart, so the absorbed record's new stream would take it and be closed, and only the
 * survivor's step would see the reuse, leaving that record merged into nothing.
 */
const assertMergeKeyFree = (
  survivorEvents: readonly RecordedEvent[],
  survivorId: string,
  absorbedId: string,
  key: string | undefined,
): void => {
  if (key === undefined) return;
  const stepKey = `${key}/survivor`;
  const earlier = survivorEvents.filter((event) => event.metadata.idempotencyKey === stepKey);
  const first = earlier[0];
  if (first === undefined) return;
  const merged = first.type === 'CustomersMerged' && (first.data as { absorbedId?: unknown }).absorbedId;
  if (merged === absorbedId) return;
  throw idempotencyKeyReused({
    idempotencyKey: key,
    streamId: customerStreamId(survivorId),
    difference: 'events[0].data.absorbedId',
    firstRevision: first.streamPosition.toString(),
    lastRevision: earlier.at(-1)!.streamPosition.toString(),
  });
};

/** What a merge hands from the absorbed record to the survivor. */
const transferOf = (state: CustomerState) => ({
  orders: [...state.orders].map(([orderId, order]) => listedOrder(orderId, order)),
  invoices: [...state.invoices].map(([invoiceId, invoice]) => ({ invoiceId, ...invoice })),
  openTickets: [...state.openTickets.keys()],
  openComplaints: [...state.openComplaints.keys()],
});

/** Refuses, before anything is written, a hand-over the survivor would refuse or no single event could carry. */
const assertHandOverFits = (
  survivor: CustomerState,
  survivorId: string,
  absorbedId: string,
  transferred: ReturnType<typeof transferOf>,
): void => {
  const events = decideCustomerOrStep(
    { type: 'AbsorbCustomer', data: { customerId: survivorId, absorbedId, transferred } },
    survivor,
  );
  const limit = appendLimits.maxEventDataLength;
  for (const event of events) {
    if (jsonLengthIfNear(event.data, limit) <= limit) continue;
    throw new ValidationError([
      {
        path: 'MergeCustomers.data.absorbedId',
        rule: `holds more than one event can hand over (${transferred.orders.length} orders, ${transferred.invoices.length} invoices: at most ${limit} characters of JSON); nothing was merged`,
        got: absorbedId,
      },
    ]);
  }
};

/**
 * Folds `absorbedId` into `survivorId` in two appends: `CustomerMergedInto` closes the absorbed record, then
 * `CustomersMerged` hands its orders, invoices and open cases to the survivor. A re-run finishes a merge that
 * stopped between the two, and does nothing after a complete one.
 */
export const mergeCustomers = async (
  context: ServiceContext,
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
  const { store } = context;
  for (let attempt = 0; ; attempt++) {
    const [absorbed, survivor] = await Promise.all([context.load(absorbedId), context.load(survivorId)]);
    assertActiveCustomer(survivor.state, survivorId);
    const alreadyAbsorbed = survivor.state.absorbed.has(absorbedId);
    const resuming = absorbed.state.status === 'merged' && absorbed.state.mergedInto === survivorId;
    if (resuming && alreadyAbsorbed) return { absorbed: [], survivor: [] };
    assertMergeKeyFree(survivor.stream.events, survivorId, absorbedId, options.idempotencyKey);
    const transferred = transferOf(absorbed.state);
    // the survivor's step is checked before the absorbed record is closed: a hand-over no event can carry (too many
    // orders for one event) would otherwise leave that record merged into a survivor that never took its orders
    if (!resuming) assertHandOverFits(survivor.state, survivorId, absorbedId, transferred);
    let closed: readonly RecordedEvent[] = [];
    if (!resuming) {
      const events = decideCustomerOrStep(
        { type: 'MarkMergedInto', data: { customerId: absorbedId, survivorId } },
        absorbed.state,
      );
      try {
        const metadata = context.metadataFor(absorbedId, options, 'absorbed');
        closed = (
          await store.appendToStream(
            customerStreamId(absorbedId),
            events.map((event) => ({ ...event, metadata })),
            { expectedRevision: absorbed.stream.revision! },
          )
        ).events;
      } catch (error) {
        if (isConcurrencyConflict(error) && attempt < 3) continue;
        throw error;
      }
    }
    const result = await context.step(
      { type: 'AbsorbCustomer', data: { customerId: survivorId, absorbedId, transferred } },
      options,
      'survivor',
    );
    return { absorbed: closed, survivor: result.events };
  }
};
