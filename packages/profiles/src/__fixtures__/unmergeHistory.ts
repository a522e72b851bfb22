import type { RecordedEvent } from '@rapport/core';
import fc from 'fast-check';
import { balanceCredit } from '../profile/credit';
import type { CustomerProfile } from '../profile/customerProfile';
import { lifecycleStage } from '../profile/lifecycle';
import { resolveProfileOptions } from '../profile/options';
import { arbitraryHistory, arbitraryTime, type EventSpec, recordAll } from './arbitraryHistory';

/** Test-only: an event of a generated history with the customer it is addressed to. */
export type AddressedSpec = EventSpec & { readonly customerId: string };

/**
 * Test-only: two records' touchpoints at any times, `dup` merged into `keep` at `mergeAt`, given back at `unmergeAt`
 * and restored at `restoreAt` (mostly at once, as the service does; later when a process stopped between the halves).
 */
export interface UnmergeScenario {
  readonly facts: readonly AddressedSpec[];
  readonly identity: readonly AddressedSpec[];
  readonly mergeAt: number;
  readonly unmergeAt: number;
  readonly restoreAt: number;
}

const none = { orders: [], invoices: [] };

/** Test-only: the identity events of a merge and an unmerge, in the order the service records them. */
export const identityEvents = (
  mergeAt: number,
  unmergeAt: number,
  restoreAt = unmergeAt,
): AddressedSpec[] => [
  { type: 'CustomerMergedInto', data: { survivorId: 'keep' }, at: mergeAt, customerId: 'dup' },
  {
    type: 'CustomersMerged',
    data: { absorbedId: 'dup', transferred: none },
    at: mergeAt,
    customerId: 'keep',
  },
  {
    type: 'CustomersUnmerged',
    data: { absorbedId: 'dup', returned: none },
    at: unmergeAt,
    customerId: 'keep',
  },
  {
    type: 'CustomerRestored',
    data: { survivorId: 'keep', status: 'customer', returned: none },
    at: restoreAt,
    customerId: 'dup',
  },
];

/** Test-only: any two histories, with a merge at a random time, an unmerge at a later one, and the restore. */
export const arbitraryUnmergeScenario = (): fc.Arbitrary<UnmergeScenario> =>
  fc
    .tuple(
      arbitraryHistory({ prefix: 'a', forgettable: false, maxFacts: 12 }),
      arbitraryHistory({ prefix: 's', forgettable: false, maxFacts: 12 }),
      arbitraryTime(),
      arbitraryTime(),
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 * 86_400_000 })),
    )
    .map(([absorbed, survivor, t1, t2, gap]) => {
      const [mergeAt, unmergeAt] = t1 <= t2 ? [t1, t2] : [t2, t1];
      const restoreAt = unmergeAt + gap;
      return {
        facts: [
          ...absorbed.map((s) => ({ ...s, customerId: 'dup' })),
          ...survivor.map((s) => ({ ...s, customerId: 'keep' })),
        ],
        identity: identityEvents(mergeAt, unmergeAt, restoreAt),
        mergeAt,
        unmergeAt,
        restoreAt,
      };
    });

/** Test-only: an arrival order of a scenario's events in which the identity events keep the order they are recorded in. */
export const arbitraryArrival = (scenario: UnmergeScenario): fc.Arbitrary<AddressedSpec[]> => {
  const all = [...scenario.facts, ...scenario.identity];
  return fc.shuffledSubarray(all, { minLength: all.length }).map((order) => {
    const slots = order.flatMap((spec, i) => (scenario.identity.includes(spec) ? [i] : []));
    const out = [...order];
    for (const [k, slot] of slots.entries()) out[slot] = scenario.identity[k]!;
    return out;
  });
};

/** Test-only: the scenario's events in event-time order, identity events in their recorded order on ties. */
export const inEventTime = (scenario: UnmergeScenario): AddressedSpec[] =>
  [...scenario.facts, ...scenario.identity]
    .map((spec, i) => ({ spec, i }))
    .sort((a, b) => a.spec.at - b.spec.at || a.i - b.i)
    .map(({ spec }) => spec);

/** Test-only: records specs in order and keeps those addressed to one customer. */
export const recordOwn = (specs: readonly AddressedSpec[], customerId: string): RecordedEvent[] =>
  recordAll(specs.filter((s) => s.customerId === customerId));

const options = resolveProfileOptions();

/** Test-only: a profile read at a later time `at`, as its timers would have left it (stage and overdue credit). */
export const readAt = (profile: CustomerProfile, at: number): CustomerProfile => {
  const asOf = Math.max(profile.asOf, at);
  const credit = profile.credit && balanceCredit(profile.credit, asOf);
  const read = { ...profile, asOf, ...(credit && { credit }) };
  return { ...read, stage: lifecycleStage(read, options.lifecycle) };
};

/** Test-only: the profile without its merge bookkeeping. */
export const shown = (profile: CustomerProfile | undefined): CustomerProfile | undefined => {
  if (profile === undefined) return undefined;
  const { identity: _identity, ...rest } = profile;
  return rest;
};
