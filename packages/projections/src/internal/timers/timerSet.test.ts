import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredTimer, TimerChange } from '../../readModel/readModelStore';
import { compareTimers } from './timerOrder';
import { createTimerSet } from './timerSet';

const key = fc.constantFrom('a', 'b');
const name = fc.constantFrom('x', 'y');
const at = fc.integer({ min: 0, max: 5 }).map((m) => `2025-01-01T00:0${m}:00.000Z`);

type Op =
  | { readonly kind: 'schedule'; readonly timer: StoredTimer }
  | { readonly kind: 'cancel'; readonly key: string; readonly name: string }
  | { readonly kind: 'clear'; readonly key: string }
  | { readonly kind: 'commit' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('schedule' as const), timer: fc.record({ key, name, at }) }),
  },
  fc.record({ kind: fc.constant('cancel' as const), key, name }),
  fc.record({ kind: fc.constant('clear' as const), key }),
  fc.record({ kind: fc.constant('commit' as const) }),
);

/** Applies changes in order, as a read-model store must. */
const apply = (stored: Map<string, StoredTimer>, changes: readonly TimerChange[]) => {
  for (const change of changes) {
    if (change.kind === 'put') stored.set(`${change.timer.key}/${change.timer.name}`, change.timer);
    else if (change.kind === 'delete') stored.delete(`${change.key}/${change.name}`);
    else for (const id of [...stored.keys()]) if (id.startsWith(`${change.key}/`)) stored.delete(id);
  }
};

describe('given any sequence of schedules, cancels and clears between commits', () => {
  it('applying the collected changes to what was stored gives exactly the live timers', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const timers = createTimerSet(true);
        const stored = new Map<string, StoredTimer>();
        for (const each of [...ops, { kind: 'commit' } as const]) {
          if (each.kind === 'schedule') timers.schedule(each.timer);
          else if (each.kind === 'cancel') timers.cancel(each.key, each.name);
          else if (each.kind === 'clear') timers.clear(each.key);
          else {
            apply(stored, timers.collect());
            expect([...stored.values()].sort(compareTimers)).toEqual(timers.pending());
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
