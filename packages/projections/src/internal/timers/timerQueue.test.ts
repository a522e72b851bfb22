import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredTimer } from '../../readModel/readModelStore';
import { compareTimers } from './timerOrder';
import { createTimerQueue } from './timerQueue';

const at = fc.integer({ min: 0, max: 9 }).map((m) => `2025-01-01T00:0${m}:00.000Z`);
const key = fc.constantFrom('a', 'b', 'c');
const name = fc.constantFrom('x', 'y');

type Op =
  | { readonly kind: 'set'; readonly timer: StoredTimer }
  | { readonly kind: 'remove'; readonly key: string; readonly name: string }
  | { readonly kind: 'clear'; readonly key: string; readonly name: string }
  | { readonly kind: 'fire'; readonly upTo: string; readonly limit: number }
  | { readonly kind: 'due'; readonly upTo: string; readonly limit: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('set' as const), timer: fc.record({ key, name, at }) }),
  },
  fc.record({ kind: fc.constant('remove' as const), key, name }),
  fc.record({ kind: fc.constant('clear' as const), key, name }),
  fc.record({ kind: fc.constant('fire' as const), upTo: at, limit: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('due' as const), upTo: at, limit: fc.integer({ min: 1, max: 4 }) }),
);

describe('given any sequence of timer writes, firings and scans', () => {
  it('the queue agrees with a plain map sorted by (at, key, name)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const queue = createTimerQueue();
        const model = new Map<string, StoredTimer>();
        const live = () => [...model.values()].sort(compareTimers);
        for (const each of ops) {
          if (each.kind === 'set') {
            queue.set(each.timer);
            model.set(`${each.timer.key}/${each.timer.name}`, each.timer);
          } else if (each.kind === 'remove') {
            queue.remove(each.key, each.name);
            model.delete(`${each.key}/${each.name}`);
          } else if (each.kind === 'clear') {
            queue.clear(each.key);
            for (const id of [...model.keys()]) if (id.startsWith(`${each.key}/`)) model.delete(id);
          } else if (each.kind === 'due') {
            expect(queue.due(each.upTo, undefined, each.limit)).toEqual(
              live()
                .filter((timer) => timer.at <= each.upTo)
                .slice(0, each.limit),
            );
          } else {
            const fired: StoredTimer[] = [];
            for (let next = queue.peekDue(each.upTo); next !== undefined; next = queue.peekDue(each.upTo)) {
              fired.push(next);
              queue.remove(next.key, next.name);
            }
            const expected = live().filter((timer) => timer.at <= each.upTo);
            for (const timer of expected) model.delete(`${timer.key}/${timer.name}`);
            expect(fired).toEqual(expected);
          }
          expect(queue.all()).toEqual(live());
        }
      }),
      { numRuns: 300 },
    );
  });
});
