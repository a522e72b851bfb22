import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { recorded, tallyProjection } from '../test/fixtures';
import { assertOrderIndependent, inEventTimeOrder, orderIndependenceDiff } from './orderIndependence';

const t = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

const arrival = fc
  .array(
    fc.record({
      key: fc.constantFrom('a', 'b'),
      minute: fc.integer({ min: 0, max: 59 }),
      n: fc.integer({ min: 0, max: 9 }),
    }),
    { maxLength: 25 },
  )
  .map((items) =>
    items.map((item, i) => recorded(i + 1, 'Touched', item.key, t(item.minute), { n: item.n })),
  );

/** Keeps the latest value by arrival: a field that depends on arrival order. */
const lastWriteWins = defineProjection<{ readonly n: number }>({
  name: 'last-write',
  version: 1,
  handles: ['Touched'],
  init: () => ({ n: -1 }),
  evolve: (_, event) => ({ n: (event.data as { n: number }).n }),
});

describe('given any arrival order of touchpoints', () => {
  it('a projection of commutative aggregates and sorted lists ends the same as in event-time order', () => {
    fc.assert(
      fc.property(arrival, (events) => {
        expect(orderIndependenceDiff(tallyProjection(), events)).toEqual([]);
        assertOrderIndependent(tallyProjection(), events);
      }),
      { numRuns: 100 },
    );
  });
});

describe('orderIndependenceDiff', () => {
  it('names the documents that depend on arrival order', () => {
    const events = [recorded(1, 'Touched', 'a', t(5), { n: 1 }), recorded(2, 'Touched', 'a', t(1), { n: 2 })];
    expect(inEventTimeOrder(events).map((event) => event.globalPosition)).toEqual([2n, 1n]);
    expect(orderIndependenceDiff(lastWriteWins, events)).toEqual([
      { key: 'a', kind: 'document', inEventTimeOrder: { n: 1 }, asGiven: { n: 2 } },
    ]);
    expect(() => assertOrderIndependent(lastWriteWins, events)).toThrow(
      /depends on arrival order.*document a/,
    );
  });
});
