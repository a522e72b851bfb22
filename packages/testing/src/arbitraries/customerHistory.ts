import fc from 'fast-check';
import {
  type CustomerHistoryStep,
  type HistoryModel,
  type HistoryMove,
  historyMoves,
  nextSteps,
} from './historyModel';

export type { CustomerHistoryStep } from './historyModel';

/** Options of `arbitraryCustomerHistory`. */
export interface CustomerHistoryOptions {
  /** Customers the history is about, ids `c1`, `c2`…; default 3. */
  readonly customers?: number;
  /** Most steps drawn; default 40. */
  readonly maxSteps?: number;
  /** Event time of the first step; default 2024-01-01. Steps follow minutes to weeks apart, in order. */
  readonly start?: string;
  /** Draw merges of two registered customers; default true. */
  readonly merges?: boolean;
}

/**
 * An arbitrary coherent history of a few customers, as the commands a business would send, each valid where the
 * history has got to: every customer is registered before anything else is recorded for them; purchase totals are
 * their lines (quantity × unit price) − discount + tax + shipping; refunds and returns stay within what was paid on
 * an order that exists, in its currency, dated after it; a return's lines name SKUs of the order, at most what is
 * left of each (a refund has none), on the survivor too once a merge moved the order; invoices stay within agreed
 * credit terms and payments within what is open; tickets and complaints are resolved only when open; merges join
 * two registered, unmerged records. Record one with `recordCustomerHistory`; shrinking keeps it coherent (steps are derived, not drawn).
 *
 * @example
 * fc.assert(fc.asyncProperty(arbitraryCustomerHistory(), async (history) => {
 *   const store = createInMemoryEventStore();
 *   await recordCustomerHistory(createCustomerService(store), history);
 *   // …a law of your own read model over what was recorded
 * }));
 */
export const arbitraryCustomerHistory = (
  options: CustomerHistoryOptions = {},
): fc.Arbitrary<readonly CustomerHistoryStep[]> => {
  const customers = options.customers ?? 3;
  const start = Date.parse(options.start ?? '2024-01-01T09:00:00.000Z');
  const moves = options.merges === false ? historyMoves.filter((m) => m !== 'merge') : historyMoves;
  const move: fc.Arbitrary<HistoryMove> = fc.record({
    move: fc.constantFrom(...moves),
    who: fc.nat({ max: customers - 1 }),
    other: fc.nat({ max: customers - 1 }),
    picks: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 8, maxLength: 8 }),
    gapMinutes: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 121, max: 60 * 24 * 21 })),
  });
  return fc.array(move, { maxLength: options.maxSteps ?? 40, size: 'medium' }).map((drawn) => {
    const model: HistoryModel = { customers: new Map(), counter: 0, time: start };
    return drawn.flatMap((each) => nextSteps(model, each));
  });
};
