import { PersistentMap } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lotsInOrder, priorityOf } from '../internal/lotOrder';
import {
  type Lot,
  type LotBook,
  type LotShare,
  lapsed,
  oldestFirst,
  putLot,
  spendable,
  takeLapsed,
  takeSpendable,
} from './lots';

/** The oracle: every lot filtered and sorted, as the decider took points before the lots had an index. */
const takeBySorting = (lots: readonly Lot[], points: number): LotShare[] => {
  const shares: LotShare[] = [];
  let left = points;
  for (const lot of [...lots].sort(oldestFirst)) {
    if (left === 0) break;
    const taken = Math.min(left, lot.remaining);
    if (taken > 0) shares.push({ earningId: lot.earningId, points: taken });
    left -= taken;
  }
  return shares;
};

/** Lots with few distinct times, so ties on expiry and unlock leave the order to the id. */
const lot = (earningId: string) =>
  fc
    .record({
      points: fc.integer({ min: 1, max: 50 }),
      spent: fc.nat({ max: 60 }),
      availableAt: fc.integer({ min: 0, max: 5 }),
      expiresAt: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
    })
    .map(
      ({ points, spent, availableAt, expiresAt }): Lot => ({
        earningId,
        points,
        remaining: Math.max(0, points - spent),
        availableAt,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        expired: 0,
        reversed: 0,
      }),
    );

/** Lots made, then some of them spent or emptied, in the order they happened. */
const histories = fc
  .uniqueArray(fc.constantFrom(...'abcdefghijklmnop'), { maxLength: 16 })
  .chain((ids) =>
    fc.tuple(
      fc.tuple(...ids.map(lot)),
      fc.array(fc.record({ index: fc.nat(), remaining: fc.nat({ max: 50 }) }), { maxLength: 20 }),
    ),
  )
  .map(([made, updates]) => {
    const movements: Lot[] = [...made];
    for (const { index, remaining } of updates) {
      const target = made[index % Math.max(1, made.length)];
      if (target !== undefined) movements.push({ ...target, remaining: Math.min(remaining, target.points) });
    }
    return movements;
  });

const bookOf = (movements: readonly Lot[]): LotBook =>
  movements.reduce((book: LotBook, l) => putLot(book, l), {
    lots: PersistentMap.empty<Lot>(),
    open: undefined,
  });

const latest = (movements: readonly Lot[]) => [...new Map(movements.map((l) => [l.earningId, l])).values()];

describe('given any lots, made and then spent in any order', () => {
  it('the indexed oldest-first take equals sorting every spendable lot, at any time and for any points', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: -1, max: 9 }),
        fc.integer({ min: 1, max: 400 }),
        (movements, at, points) => {
          const lots = latest(movements);
          const spendables = lots.filter((l) => spendable(l, at));
          const { shares, found } = takeSpendable(bookOf(movements), at, points, Number.POSITIVE_INFINITY);
          expect(shares).toEqual(takeBySorting(spendables, points));
          expect(found).toBe(spendables.reduce((sum, l) => sum + l.remaining, 0));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a walk that stops once it has seen enough takes the same shares', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: -1, max: 9 }),
        fc.integer({ min: 1, max: 400 }),
        fc.nat({ max: 100 }),
        (movements, at, points, more) => {
          const lots = latest(movements);
          const total = lots.filter((l) => spendable(l, at)).reduce((sum, l) => sum + l.remaining, 0);
          const { shares, found } = takeSpendable(bookOf(movements), at, points, points + more);
          expect(shares).toEqual(
            takeBySorting(
              lots.filter((l) => spendable(l, at)),
              points,
            ),
          );
          // stopped short of everything only once it had seen enough; otherwise it saw every spendable point
          if (found < points + more) expect(found).toBe(total);
          else expect(found).toBeLessThanOrEqual(total);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the lapsed remainders are those of every lot whose date has come, oldest first', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: -1, max: 9 }), (movements, at) => {
        const due = latest(movements).filter((l) => l.remaining > 0 && lapsed(l, at));
        expect(takeLapsed(bookOf(movements), at)).toEqual(takeBySorting(due, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 500 },
    );
  });

  it('the order holds exactly the lots with points left, oldest first, in one shape whatever the order of making', () => {
    fc.assert(
      fc.property(histories, (movements) => {
        const lots = latest(movements);
        const book = bookOf(movements);
        const open = lots.filter((l) => l.remaining !== 0).sort(oldestFirst);
        expect([...lotsInOrder(book.open)].map((key) => key.earningId)).toEqual(open.map((l) => l.earningId));
        expect(bookOf([...lots].reverse()).open).toEqual(book.open);
      }),
      { numRuns: 500 },
    );
  });
});

/** Two ids of one priority, found by trying ids until two collide (about 80,000 tries for a 32-bit hash). */
const samePriority = (): [string, string] => {
  const byPriority = new Map<number, string>();
  for (let n = 0; ; n++) {
    const id = `lot-${n}`;
    const other = byPriority.get(priorityOf(id));
    if (other !== undefined) return [other, id];
    byPriority.set(priorityOf(id), id);
  }
};

describe('given lots whose ids have one priority', () => {
  it('they still make one shape whatever the order of making', () => {
    const [first, second] = samePriority();
    const made = [first, second, 'a', 'b'].map(
      (earningId, n): Lot => ({
        earningId,
        points: 5,
        remaining: 5,
        availableAt: n,
        expired: 0,
        reversed: 0,
      }),
    );
    expect(bookOf([...made].reverse()).open).toEqual(bookOf(made).open);
  });
});
