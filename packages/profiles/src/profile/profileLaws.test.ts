import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryHistory,
  type EventSpec,
  historyStart,
  inTimeOrder,
  recordAll,
} from '../__fixtures__/arbitraryHistory';
import { fold } from '../__fixtures__/events';

describe('given any history of touchpoints', () => {
  it('the profile is the same whatever order the events arrive in', () => {
    fc.assert(
      fc.property(
        arbitraryHistory().chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length })),
        ),
        ([specs, shuffled]) => {
          const events = recordAll(specs);
          const byId = new Map(events.map((event, i) => [specs[i], event]));
          const arrival = shuffled.map((s) => byId.get(s)!);
          const inOrder = fold(inTimeOrder(events));
          expect(fold(arrival)).toEqual(inOrder);
          // every document is plain JSON: nothing undefined, nothing JSON would lose
          for (const profile of inOrder.values())
            expect(JSON.parse(JSON.stringify(profile))).toStrictEqual(profile);
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);
});

const twoRecords = fc.tuple(
  arbitraryHistory({ prefix: 'a', forgettable: false, maxFacts: 15 }),
  arbitraryHistory({ prefix: 's', forgettable: false, maxFacts: 15 }),
);

/** The absorbed record's events, the survivor's, then the merge (closing `dup`, then absorbing it) at the latest time. */
const mergedHistory = ([absorbed, survivor]: [EventSpec[], EventSpec[]]) => {
  const mergeAt = Math.max(historyStart, ...absorbed.map((s) => s.at), ...survivor.map((s) => s.at));
  const merge: (EventSpec & { customerId: string })[] = [
    { type: 'CustomerMergedInto', data: { survivorId: 'survivor' }, at: mergeAt, customerId: 'dup' },
    {
      type: 'CustomersMerged',
      data: { absorbedId: 'dup', transferred: { orders: [], invoices: [] } },
      at: mergeAt,
      customerId: 'survivor',
    },
  ];
  return recordAll([
    ...absorbed.map((s) => ({ ...s, customerId: 'dup' })),
    ...survivor.map((s) => ({ ...s, customerId: 'survivor' })),
    ...merge,
  ]);
};

const sum = (...values: (number | undefined)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

describe('given any two customer records merged into one', () => {
  it('the merge loses no touchpoint: counts and totals add up', () => {
    fc.assert(
      fc.property(twoRecords, ([absorbed, survivor]) => {
        const apart = fold(
          inTimeOrder(
            recordAll([
              ...absorbed.map((s) => ({ ...s, customerId: 'dup' })),
              ...survivor.map((s) => ({ ...s, customerId: 'survivor' })),
            ]),
          ),
        );
        const merged = fold(inTimeOrder(mergedHistory([absorbed, survivor])));
        expect([...merged.keys()]).toEqual(['survivor']);
        const a = apart.get('dup');
        const s = apart.get('survivor');
        const m = merged.get('survivor')!;
        expect(m.commerce?.orders ?? 0).toBe(sum(a?.commerce?.orders, s?.commerce?.orders));
        for (const currency of ['USD', 'EUR']) {
          const gross = (p: typeof m | undefined) => p?.commerce?.spent[currency]?.gross;
          const refunded = (p: typeof m | undefined) => p?.commerce?.spent[currency]?.refunded;
          expect(gross(m) ?? 0).toBe(sum(gross(a), gross(s)));
          expect(refunded(m) ?? 0).toBe(sum(refunded(a), refunded(s)));
        }
        expect(m.communication?.inbound ?? 0).toBe(sum(a?.communication?.inbound, s?.communication?.inbound));
        expect(m.communication?.outbound ?? 0).toBe(
          sum(a?.communication?.outbound, s?.communication?.outbound),
        );
        expect(m.service?.tickets?.opened ?? 0).toBe(
          sum(a?.service?.tickets?.opened, s?.service?.tickets?.opened),
        );
        expect(m.feedback?.reviews?.count ?? 0).toBe(
          sum(a?.feedback?.reviews?.count, s?.feedback?.reviews?.count),
        );
        expect(m.credit?.issued ?? 0).toBe(sum(a?.credit?.issued, s?.credit?.issued));
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('the survivor shows what one record holding both histories would show', () => {
    fc.assert(
      fc.property(twoRecords, ([absorbed, survivor]) => {
        const merged = fold(inTimeOrder(mergedHistory([absorbed, survivor]))).get('survivor')!;
        const single = fold(inTimeOrder(recordAll([...absorbed, ...survivor], 'survivor'))).get('survivor');
        const { absorbed: ids, identity, ...rest } = merged;
        expect(Object.keys(identity?.parts ?? {})).toEqual(['dup']);
        expect(ids).toEqual(['dup']);
        expect(rest).toEqual(single ?? { asOf: rest.asOf, stage: rest.stage });
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('the merged profile is the same whatever order the events arrive in', () => {
    fc.assert(
      fc.property(
        twoRecords.chain((records) => {
          const events = mergedHistory(records);
          return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }));
        }),
        ([events, arrival]) => {
          const inOrder = fold(inTimeOrder(events));
          expect(fold(arrival)).toEqual(inOrder);
          for (const profile of inOrder.values())
            expect(JSON.parse(JSON.stringify(profile))).toStrictEqual(profile);
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);
});
