import { illegalState, isIllegalState } from '../errors/guards';
import { ValidationError } from '../errors/validationError';
import { parseAs } from '../schema/parse';
import type { RecordedEvent } from '../store/envelope';
import { customerCommandSchema } from './commands';
import { assertActiveCustomer } from './decide';
import type { Transferred } from './holdings';
import type { LoadedCustomer, ServiceContext, UnmergeOptions, UnmergeResult } from './serviceContext';

const lastOf = (customer: LoadedCustomer, test: (event: RecordedEvent) => boolean) =>
  customer.stream.events.findLast(test);

const about =
  (type: string, field: 'absorbedId' | 'survivorId', id: string) =>
  (event: RecordedEvent): boolean =>
    event.type === type && (event.data as Record<string, unknown>)[field] === id;

/** What is left to do, read from both streams. */
type Plan =
  | { readonly kind: 'release' }
  | { readonly kind: 'restore'; readonly returned: Transferred }
  | { readonly kind: 'done' };

const plan = (
  survivor: LoadedCustomer,
  absorbed: LoadedCustomer,
  survivorId: string,
  absorbedId: string,
): Plan => {
  const holds = survivor.state.absorbed.has(absorbedId);
  const closed = absorbed.state.status === 'merged' && absorbed.state.mergedInto === survivorId;
  const unmerged = lastOf(survivor, about('CustomersUnmerged', 'absorbedId', absorbedId));
  if (holds) {
    assertActiveCustomer(survivor.state, survivorId);
    if (absorbed.state.status === 'forgotten') {
      throw illegalState(
        `customer ${absorbedId} was forgotten; the merge into ${survivorId} cannot be undone`,
        {
          survivorId,
          absorbedId,
        },
      );
    }
    if (!closed) {
      throw illegalState(`customer ${absorbedId} is not closed into ${survivorId}; the streams disagree`, {
        survivorId,
        absorbedId,
      });
    }
    return { kind: 'release' };
  }
  if (closed) {
    // the survivor gave the record back but the restore did not happen yet, or a merge stopped half-way
    const closedAt = lastOf(absorbed, about('CustomerMergedInto', 'survivorId', survivorId));
    if (
      unmerged !== undefined &&
      (closedAt === undefined || unmerged.globalPosition > closedAt.globalPosition)
    ) {
      return { kind: 'restore', returned: (unmerged.data as { returned: Transferred }).returned };
    }
    throw illegalState(
      `the merge of ${absorbedId} into ${survivorId} has not finished; run merge again to finish it before undoing it`,
      { survivorId, absorbedId },
    );
  }
  if (unmerged !== undefined) return { kind: 'done' };
  throw illegalState(`customer ${survivorId} has not absorbed ${absorbedId}; there is no merge to undo`, {
    survivorId,
    absorbedId,
  });
};

/**
 * Undoes the merge of `absorbedId` into `survivorId` in two appends: `CustomersUnmerged` on the survivor gives
 * back what the merge brought in (balances as they are now), then `CustomerRestored` reopens the absorbed record
 * with them. The survivor goes first, so no order is ever refundable on both records. A re-run finishes an
 * unmerge that stopped between the two, and does nothing after a complete one.
 */
export const unmergeCustomers = async (
  context: ServiceContext,
  survivorId: string,
  absorbedId: string,
  options: UnmergeOptions = {},
): Promise<UnmergeResult> => {
  const { reason, ...commandOptions } = options;
  const why = reason === undefined ? {} : { reason };
  parseAs(
    customerCommandSchema,
    { type: 'UnmergeCustomers', data: { customerId: survivorId, absorbedId, ...why } },
    'UnmergeCustomers',
  );
  if (survivorId === absorbedId) {
    throw new ValidationError([
      { path: 'UnmergeCustomers.data.absorbedId', rule: 'must differ from customerId', got: absorbedId },
    ]);
  }
  let survivorEvents: readonly RecordedEvent[] = [];
  for (let attempt = 0; ; attempt++) {
    const [survivor, absorbed] = await Promise.all([context.load(survivorId), context.load(absorbedId)]);
    const next = plan(survivor, absorbed, survivorId, absorbedId);
    if (next.kind === 'done') return { survivor: survivorEvents, absorbed: [] };
    try {
      let returned: Transferred;
      if (next.kind === 'release') {
        const released = await context.step(
          { type: 'ReleaseCustomer', data: { customerId: survivorId, absorbedId, ...why } },
          commandOptions,
          'unmerge/survivor',
        );
        survivorEvents = released.events;
        const event = released.events.find(about('CustomersUnmerged', 'absorbedId', absorbedId));
        if (event === undefined) continue;
        returned = (event.data as { returned: Transferred }).returned;
      } else returned = next.returned;
      const restored = await context.step(
        { type: 'RestoreCustomer', data: { customerId: absorbedId, survivorId, returned } },
        commandOptions,
        'unmerge/absorbed',
      );
      return { survivor: survivorEvents, absorbed: restored.events };
    } catch (error) {
      // a concurrent unmerge took a step first: look again at both streams
      if (isIllegalState(error) && attempt < 3) continue;
      throw error;
    }
  }
};
