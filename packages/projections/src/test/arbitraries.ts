import fc from 'fast-check';
import type { TestEvent } from './harness';
import { minute } from './harness';

const keys = ['a', 'b', 'c', 'd'] as const;

/** Test-only: one event of the tally/trace vocabulary, at a minute from 0 to 120. */
export const testEvent = (options: { readonly merges?: boolean } = {}): fc.Arbitrary<TestEvent> =>
  fc.oneof(
    { weight: 6, arbitrary: touched() },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('Unknown'), key: fc.constantFrom(...keys), at: at() }),
    },
    ...(options.merges === true
      ? [
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), at())
              .filter(([key, from]) => key !== from)
              .map(([key, from, when]): TestEvent => ({ type: 'Merged', key, at: when, data: { from } })),
          },
        ]
      : []),
  );

const at = () => fc.integer({ min: 0, max: 120 }).map(minute);

const touched = (): fc.Arbitrary<TestEvent> =>
  fc
    .record(
      {
        key: fc.constantFrom(...keys),
        at: at(),
        n: fc.integer({ min: 0, max: 9 }),
        remindInMs: fc.constantFrom(0, 60_000, 5 * 60_000, 30 * 60_000),
        timer: fc.constantFrom('x', 'y', 'z'),
        cancel: fc.constantFrom('x', 'y'),
      },
      { requiredKeys: ['key', 'at', 'n'] },
    )
    .map(({ key, at: when, ...data }): TestEvent => ({ type: 'Touched', key, at: when, data }));

/** Test-only: a history whose times only move forward, as events recorded live would be. */
export const inTimeOrder = (events: readonly TestEvent[]): TestEvent[] =>
  [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/** Test-only: a history that is in time order most of the time (so timers pile up) and shuffled otherwise (late events). */
export const history = (options: { readonly merges?: boolean; readonly maxLength?: number } = {}) =>
  fc
    .tuple(
      fc.array(testEvent(options), { maxLength: options.maxLength ?? 30 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([events, shape]) => (shape === 0 ? events : inTimeOrder(events)));
