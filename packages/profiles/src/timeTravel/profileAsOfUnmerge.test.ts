import {
  createCustomerService,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  createProtectedEventStore,
  customerStreamId,
} from '@rapport/core';
import { foldProjection } from '@rapport/projections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordAll } from '../__fixtures__/arbitraryHistory';
import {
  type AddressedSpec,
  arbitraryUnmergeScenario,
  inEventTime,
  readAt,
  recordOwn,
  shown,
} from '../__fixtures__/unmergeHistory';
import type { CustomerProfile } from '../profile/customerProfile';
import { emptyProfile } from '../profile/identity';
import { profileProjection } from '../profile/profileProjection';
import { profileAsOf } from './profileAsOf';

const foldUntil = (specs: readonly AddressedSpec[], customerId: string, at: number) =>
  foldProjection(profileProjection, recordOwn(specs, customerId), { until: new Date(at) }).documents.get(
    customerId,
  );

/** The profile one record holding both histories up to `at` would show (the merge alone makes a record). */
const bothUpTo = (facts: readonly AddressedSpec[], at: number): CustomerProfile =>
  foldProjection(profileProjection, recordAll(facts.map(({ customerId: _, ...fact }) => fact)), {
    until: new Date(at),
  }).documents.get('c1') ?? emptyProfile();

const plain = (profile: CustomerProfile | undefined, at: number) => {
  if (profile === undefined) return undefined;
  const { absorbed: _a, ...rest } = readAt(shown(profile)!, at);
  return rest;
};

describe('given two records merged at any time and given back at any later time', () => {
  it('the profile as of any date is the record it was then, as the projection showed it: alone before the merge, one record during it, apart again after', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryUnmergeScenario(),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }),
        async (scenario, jitter) => {
          const specs = inEventTime(scenario);
          const store = createInMemoryEventStore();
          for (const spec of specs) {
            await store.appendToStream(customerStreamId(spec.customerId), [
              {
                type: spec.type,
                data: spec.data,
                metadata: {
                  customerId: spec.customerId,
                  occurredAt: new Date(spec.at),
                  ...(spec.actor !== undefined && { actor: spec.actor }),
                },
              },
            ]);
          }
          const { mergeAt, unmergeAt, restoreAt } = scenario;
          const dates = [
            mergeAt - 1 + jitter[0]!,
            Math.floor((mergeAt + unmergeAt) / 2) + jitter[1]!,
            unmergeAt + jitter[2]!,
            Math.floor((unmergeAt + restoreAt) / 2),
            restoreAt + 86_400_000,
          ];
          for (const at of dates) {
            const keep = await profileAsOf(store, 'keep', new Date(at));
            const dup = await profileAsOf(store, 'dup', new Date(at));
            // what the projection over the whole log showed then: the same documents
            const live = foldProjection(profileProjection, recordAll(specs), {
              until: new Date(at),
            }).documents;
            expect(live.get('keep')).toEqual(keep);
            expect(live.get('dup')).toEqual(dup);
            const merged = at >= mergeAt && at < unmergeAt;
            expect(dup).toEqual(merged ? undefined : foldUntil(specs, 'dup', at));
            if (merged) {
              expect(keep?.absorbed).toEqual(['dup']);
              expect(plain(keep, at)).toEqual(plain(bothUpTo(scenario.facts, at), at));
            } else expect(shown(keep)).toEqual(shown(foldUntil(specs, 'keep', at)));
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 30_000);
});

describe('time travel across an unmerge run by the customer service', () => {
  const at = (occurredAt: string) => ({ metadata: { occurredAt } });
  const setup = async () => {
    const store = createProtectedEventStore({
      store: createInMemoryEventStore(),
      keyStore: createInMemoryKeyStore(),
    });
    const customers = createCustomerService(store);
    for (const customerId of ['keep', 'dup']) {
      await customers.execute(
        { type: 'RegisterCustomer', data: { customerId, kind: 'customer', name: { given: customerId } } },
        at('2025-01-01T00:00:00Z'),
      );
    }
    await customers.merge('keep', 'dup', at('2025-02-01T00:00:00Z'));
    return { store, customers };
  };

  it('shows the record given back while its restore is still pending, and after it', async () => {
    const { store, customers } = await setup();
    // the survivor's half of the unmerge is recorded, the restore is not yet
    await store.appendToStream(customerStreamId('keep'), [
      {
        type: 'CustomersUnmerged',
        data: { absorbedId: 'dup', returned: { orders: [], invoices: [] } },
        metadata: { customerId: 'keep', occurredAt: '2025-03-01T00:00:00Z' },
      },
    ]);
    expect(await profileAsOf(store, 'dup', '2025-02-15T00:00:00Z')).toBeUndefined();
    expect((await profileAsOf(store, 'dup', '2025-03-02T00:00:00Z'))?.mergedInto).toBe('keep');
    await customers.unmerge('keep', 'dup', at('2025-03-03T00:00:00Z'));
    const restored = await profileAsOf(store, 'dup', '2025-03-04T00:00:00Z');
    expect(restored?.mergedInto).toBeUndefined();
    expect(restored?.contact?.name).toEqual({ given: 'dup' });
  });

  it('does not erase a record given back when its former survivor is forgotten later', async () => {
    const { store, customers } = await setup();
    await customers.unmerge('keep', 'dup', at('2025-03-01T00:00:00Z'));
    await customers.execute(
      { type: 'ForgetCustomer', data: { customerId: 'keep', reason: 'subject_request' } },
      at('2025-04-01T00:00:00Z'),
    );
    expect((await profileAsOf(store, 'dup', '2025-03-02T00:00:00Z'))?.contact?.name).toEqual({
      given: 'dup',
    });
    expect((await profileAsOf(store, 'keep', '2025-03-02T00:00:00Z'))?.contact).toBeUndefined();
  });
});
