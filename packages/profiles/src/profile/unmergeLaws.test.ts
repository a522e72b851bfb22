import { foldProjection } from '@rapport/projections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyStart, recordAll } from '../__fixtures__/arbitraryHistory';
import {
  type AddressedSpec,
  arbitraryArrival,
  arbitraryUnmergeScenario,
  inEventTime,
  readAt,
  shown,
  type UnmergeScenario,
} from '../__fixtures__/unmergeHistory';
import type { CustomerProfile } from './customerProfile';
import { profileProjection } from './profileProjection';

const dayMs = 86_400_000;
const end = historyStart + 600 * dayMs;

/** The read model at `until`: every document, and the timers pending for each. */
const readModelAt = (specs: readonly AddressedSpec[], until: number) => {
  const result = foldProjection(profileProjection, recordAll(specs), { until: new Date(until) });
  return {
    documents: result.documents,
    timersOf: (key: string) => result.timers.filter((timer) => timer.key === key),
  };
};

/** Moments to look at: around the merge, around the unmerge, before the restore, some days after, and the end. */
const moments = (scenario: UnmergeScenario, later: readonly number[]) => [
  scenario.mergeAt - 1,
  scenario.mergeAt,
  Math.floor((scenario.mergeAt + scenario.unmergeAt) / 2),
  scenario.unmergeAt - 1,
  scenario.unmergeAt,
  Math.floor((scenario.unmergeAt + scenario.restoreAt) / 2),
  scenario.restoreAt,
  ...later.map((days) => scenario.unmergeAt + days * dayMs),
  end,
];

/**
 * At `at`, each record shows what a fold of its own stream alone shows, except the absorbed record while it is merged,
 * which has no document of its own. `exact`: to the letter, pending timers included. Otherwise read at `at` (stage and
 * overdue credit as timers leave them): in a shuffled arrival the other record's events move the watermark too, so a
 * late event can find a timer already fired that its own stream alone would not have reached yet.
 */
const expectApartAt = (
  scenario: UnmergeScenario,
  arrival: readonly AddressedSpec[],
  at: number,
  exact: boolean,
) => {
  const together = readModelAt(arrival, at);
  const merged = at >= scenario.mergeAt && at < scenario.unmergeAt;
  const read = (profile: CustomerProfile | undefined) =>
    profile === undefined || exact ? profile : readAt(profile, at);
  for (const id of ['keep', 'dup']) {
    const alone = readModelAt(
      arrival.filter((spec) => spec.customerId === id),
      at,
    );
    const where = `${id} at day ${(at - historyStart) / dayMs}`;
    if (merged && id === 'dup') expect(together.documents.get(id), where).toBeUndefined();
    if (merged) continue;
    expect(read(together.documents.get(id)), where).toEqual(read(alone.documents.get(id)));
    if (exact) expect(together.timersOf(id), `${where}: timers`).toEqual(alone.timersOf(id));
  }
};

const t0 = historyStart;
const none = { orders: [], invoices: [] };

/** A purchase, then a defection, merged and given back in the same millisecond. */
const defectionAtTheMerge: UnmergeScenario = {
  facts: [
    {
      type: 'PurchaseCompleted',
      data: { orderId: 'a', lines: [], total: 0, currency: 'USD', paymentMethod: 'cash' },
      at: t0,
      customerId: 'dup',
    },
    { type: 'DefectedToCompetitor', data: { competitor: ' ', reason: 'price' }, at: t0, customerId: 'dup' },
  ],
  identity: [
    { type: 'CustomerMergedInto', data: { survivorId: 'keep' }, at: t0, customerId: 'dup' },
    { type: 'CustomersMerged', data: { absorbedId: 'dup', transferred: none }, at: t0, customerId: 'keep' },
    { type: 'CustomersUnmerged', data: { absorbedId: 'dup', returned: none }, at: t0, customerId: 'keep' },
    {
      type: 'CustomerRestored',
      data: { survivorId: 'keep', status: 'customer', returned: none },
      at: t0 + 1,
      customerId: 'dup',
    },
  ],
  mergeAt: t0,
  unmergeAt: t0,
  restoreAt: t0 + 1,
};

describe('given two records merged at any time and given back at any later time', () => {
  it('each shows exactly its own history before the merge and at every moment after the unmerge, timers included', () => {
    fc.assert(
      fc.property(
        arbitraryUnmergeScenario(),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 3 }),
        (scenario, later) => {
          const arrival = inEventTime(scenario);
          for (const at of moments(scenario, later)) expectApartAt(scenario, arrival, at, true);
          expect([...readModelAt(arrival, end).documents.keys()].sort()).toEqual(['dup', 'keep']);
          expect(readModelAt(arrival, end).documents.get('keep')?.identity).toBeUndefined();
        },
      ),
      // found by CI: a defection ended the stage's timer in the document but left it pending
      { numRuns: 40, examples: [[defectionAtTheMerge, []]] },
    );
  }, 60_000);

  it('the same holds whatever order the touchpoints arrive in, and the end result does not depend on it', () => {
    fc.assert(
      fc.property(
        arbitraryUnmergeScenario().chain((scenario) =>
          fc.tuple(fc.constant(scenario), arbitraryArrival(scenario)),
        ),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 2 }),
        ([scenario, arrival], later) => {
          for (const at of moments(scenario, later)) expectApartAt(scenario, arrival, at, false);
          const inOrder = readModelAt(inEventTime(scenario), end).documents;
          const shuffled = readModelAt(arrival, end).documents;
          const read = (p: CustomerProfile | undefined) => readAt(shown(p)!, end);
          for (const id of ['keep', 'dup']) {
            expect(read(shuffled.get(id))).toEqual(read(inOrder.get(id)));
            const profile = shuffled.get(id);
            expect(JSON.parse(JSON.stringify(profile))).toStrictEqual(profile);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
