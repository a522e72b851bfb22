import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertNewest, insertTime } from './order';

describe('given any times inserted into a bounded newest-first list', () => {
  it('the list holds the newest `limit` times in descending order, whatever the insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        (times, limit) => {
          let list: readonly number[] | undefined;
          for (const at of times) list = insertTime(list, at, limit);
          expect(list ?? []).toEqual([...times].sort((a, b) => b - a).slice(0, limit));
        },
      ),
    );
  });

  it('entries with equal times are ordered by content, so the list does not depend on arrival order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 3 }), v: fc.string({ maxLength: 2 }) }), {
          maxLength: 20,
        }),
        (entries) => {
          const build = (order: typeof entries) => {
            let list: readonly (typeof entries)[number][] | undefined;
            for (const entry of order) list = insertNewest(list, entry, (e) => e.at, 5);
            return list;
          };
          expect(build([...entries].reverse())).toEqual(build(entries));
        },
      ),
    );
  });
});
