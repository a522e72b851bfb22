import { customerStreamId } from '@rapport/core';
import fc from 'fast-check';
import { arbitraryCustomerAppends, arbitraryOccurredAt } from '../arbitraries/events';
import type { HistoryAppend } from './equivalenceRun';

const none = { orders: [], invoices: [] };

/** One identity step asked for: merge two records, or give back the `pick`-th record merged so far. */
type Step =
  | { readonly kind: 'merge'; readonly survivor: number; readonly absorbed: number; readonly at: string }
  | { readonly kind: 'unmerge'; readonly pick: number; readonly at: string };

const append = (customerId: string, type: string, data: unknown, occurredAt: string): HistoryAppend => ({
  streamId: customerStreamId(customerId),
  event: { type, data, metadata: { customerId, occurredAt } },
});

/**
 * The identity events of the steps the customer service would accept, in its order: a merge of two open records
 * (`CustomerMergedInto`, then `CustomersMerged`), an unmerge of a record merged into an open one (`CustomersUnmerged`,
 * then `CustomerRestored`); other steps are left out.
 */
const identityEvents = (customers: readonly string[], steps: readonly Step[]): HistoryAppend[] => {
  const mergedInto = new Map<string, string>();
  const out: HistoryAppend[] = [];
  for (const step of steps) {
    if (step.kind === 'merge') {
      const survivor = customers[step.survivor % customers.length]!;
      const absorbed = customers[step.absorbed % customers.length]!;
      if (survivor === absorbed || mergedInto.has(survivor) || mergedInto.has(absorbed)) continue;
      mergedInto.set(absorbed, survivor);
      out.push(append(absorbed, 'CustomerMergedInto', { survivorId: survivor }, step.at));
      out.push(append(survivor, 'CustomersMerged', { absorbedId: absorbed, transferred: none }, step.at));
      continue;
    }
    const open = [...mergedInto].filter(([, survivor]) => !mergedInto.has(survivor));
    const chosen = open[step.pick % Math.max(1, open.length)];
    if (chosen === undefined) continue;
    const [absorbed, survivor] = chosen;
    mergedInto.delete(absorbed);
    out.push(append(survivor, 'CustomersUnmerged', { absorbedId: absorbed, returned: none }, step.at));
    const restored = { survivorId: survivor, status: 'customer', returned: none };
    out.push(append(absorbed, 'CustomerRestored', restored, step.at));
  }
  return out;
};

/**
 * Customers merged and given back by unmerges (chains included: a survivor may absorb a record that absorbed
 * another), as the customer service records them, amid any other touchpoints in any order; the identity events keep
 * their recorded order, as projections receive them.
 */
export const arbitraryIdentityAppends = (
  options: { readonly customers?: number; readonly maxEvents?: number } = {},
): fc.Arbitrary<HistoryAppend[]> => {
  const customers = Array.from({ length: options.customers ?? 4 }, (_, i) => `c${i + 1}`);
  const index = fc.nat({ max: customers.length - 1 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant('merge' as const),
      survivor: index,
      absorbed: index,
      at: arbitraryOccurredAt(),
    }),
    fc.record({ kind: fc.constant('unmerge' as const), pick: fc.nat(), at: arbitraryOccurredAt() }),
  );
  return fc
    .tuple(
      arbitraryCustomerAppends({ customers: customers.length, maxEvents: options.maxEvents ?? 30 }),
      fc.array(step, { minLength: 2, maxLength: 10 }),
    )
    .chain(([touchpoints, steps]) => {
      const facts = touchpoints.filter(({ event }) => !isIdentityType(event.type));
      const identity = identityEvents(customers, steps);
      const all = [...facts, ...identity];
      return fc.shuffledSubarray(all, { minLength: all.length }).map((order) => {
        // the identity events go back, in their order, into the places the shuffle gave them
        let next = 0;
        return order.map((each) => (identity.includes(each) ? identity[next++]! : each));
      });
    });
};

const identityTypes = new Set([
  'CustomersMerged',
  'CustomerMergedInto',
  'CustomersUnmerged',
  'CustomerRestored',
]);
const isIdentityType = (type: string) => identityTypes.has(type);
