import fc from 'fast-check';
import type { TestEvent } from './harness';
import { minute } from './harness';

const keys = ['a', 'b', 'c', 'd'] as const;

const at = () => fc.integer({ min: 0, max: 120 }).map(minute);

/** Two different keys: a document and another one it merges with. */
const pair = () =>
  fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)).filter(([key, from]) => key !== from);

const merged = (key: string, from: string, when: string): TestEvent => ({
  type: 'Merged',
  key,
  at: when,
  data: { from },
});

const released = (key: string, from: string, when: string, remindInMs: number): TestEvent => ({
  type: 'Released',
  key,
  at: when,
  data: { from, remindInMs },
});

/** Test-only: one event of the tally/trace vocabulary, at a minute from 0 to 120; `merges` adds merges and releases. */
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
            arbitrary: fc.tuple(pair(), at()).map(([[key, from], when]) => merged(key, from, when)),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(pair(), at(), fc.constantFrom(0, 60_000))
              .map(([[key, from], when, remindInMs]) => released(key, from, when, remindInMs)),
          },
        ]
      : []),
  );

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

/** A merge and, mostly later, its release: random merges and releases of four keys seldom meet. */
const mergedThenReleased = (): fc.Arbitrary<TestEvent[]> =>
  fc
    .tuple(pair(), at(), at(), fc.constantFrom(0, 60_000))
    .map(([[key, from], t1, t2, remindInMs]) => [merged(key, from, t1), released(key, from, t2, remindInMs)]);

/** Test-only: a history whose times only move forward, as events recorded live would be. */
export const inTimeOrder = (events: readonly TestEvent[]): TestEvent[] =>
  [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/**
 * Test-only: a history that is in time order most of the time (so timers pile up) and shuffled otherwise (late
 * events); with `merges`, it also holds merges undone by releases.
 */
export const history = (options: { readonly merges?: boolean; readonly maxLength?: number } = {}) =>
  fc
    .tuple(
      fc.array(testEvent(options), { maxLength: options.maxLength ?? 30 }),
      fc.array(mergedThenReleased(), { maxLength: options.merges === true ? 3 : 0 }),
      fc.integer({ min: 0, max: 3 }),
    )
    .chain(([events, identity, shape]) => {
      const all = [...events, ...identity.flat()];
      return shape === 0
        ? fc.shuffledSubarray(all, { minLength: all.length })
        : fc.constant(inTimeOrder(all));
    });
