import { createFakeClock } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectionDefinition } from '../definition/defineProjection';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { tallyProjection, traceProjection } from '../test/fixtures';
import { appendAll, foldSnapshot, minute, openStore, snapshot } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

type Step =
  | { readonly kind: 'event'; readonly key: string; readonly remindInMs?: number; readonly timer?: string }
  | { readonly kind: 'advance'; readonly ms: number; readonly tick: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('event' as const),
      key: fc.constantFrom('a', 'b'),
      remindInMs: fc.constantFrom(0, 60_000, 10 * 60_000),
      timer: fc.constantFrom('x', 'y'),
    },
    { requiredKeys: ['kind', 'key'] },
  ),
  fc.record({
    kind: fc.constant('advance' as const),
    ms: fc.constantFrom(0, 30_000, 60_000, 7 * 60_000),
    tick: fc.boolean(),
  }),
);

const cases: [string, () => ProjectionDefinition<unknown>][] = [
  ['a counting projection', tallyProjection as () => ProjectionDefinition<unknown>],
  ['an order-recording projection', traceProjection as () => ProjectionDefinition<unknown>],
];

/** Drives a runner live with a fake clock through `steps`, then checks it against a pure fold and a replay. */
const liveEqualsReplay = async (
  projection: () => ProjectionDefinition<unknown>,
  steps: readonly Step[],
  batchSize: number,
) => {
  const clock = createFakeClock(minute(0));
  const store = openStore();
  const live = createInMemoryReadModelStore({ freeze: true });
  const runner = createProjectionRunner({
    projection: projection(),
    eventStore: store,
    readModels: live,
    clock,
    batchSize,
    tickIntervalMs: 0,
  });
  runner.start();
  for (const each of steps) {
    if (each.kind === 'advance') {
      clock.advance(each.ms);
      if (each.tick) await runner.tick();
    } else {
      const { kind: _, key, ...data } = each;
      await appendAll(store, [{ type: 'Touched', key, at: clock.now().toISOString(), data }]);
    }
  }
  const head = await store.headPosition();
  await runner.waitForPosition(head);
  await runner.tick();
  await runner.stop();
  const collection = `${projection().name}_v1`;
  const answer = await snapshot(live, collection);

  const events = (await store.readAll({ maxCount: 1000 })).events;
  expect(foldSnapshot(foldProjection(projection(), events, { until: clock.now() }))).toEqual(answer);

  const replayed = createInMemoryReadModelStore({ freeze: true });
  const replay = createProjectionRunner({
    projection: projection(),
    eventStore: store,
    readModels: replayed,
    clock,
    batchSize: 3,
    tickIntervalMs: 0,
  });
  replay.start();
  await replay.waitForPosition(head);
  await replay.tick();
  await replay.stop();
  expect(await snapshot(replayed, collection)).toEqual(answer);
};

describe.each(cases)('given any interleaving of touchpoints and passing time, with %s', (_, projection) => {
  it('timers give the same answers live (fake clock) as in a replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 25 }),
        fc.integer({ min: 1, max: 4 }),
        (steps, batchSize) => liveEqualsReplay(projection, steps, batchSize),
      ),
      { numRuns: 40 },
    );
  });
});

describe('a live batch held back from the head by an event it has not been handed yet', () => {
  // fast-check seed 26 drew this: more timers were due than one batch loads, none could fire before the next event
  // arrived, and the loop spun on microtasks so the subscription's catch-up (a macrotask) never delivered it
  it('neither claims timers it cannot fire nor spins: the runner finishes (regression)', async () => {
    const steps: Step[] = [
      { kind: 'event', key: 'a', timer: 'x' },
      { kind: 'event', key: 'a', remindInMs: 60_000, timer: 'x' },
      { kind: 'event', key: 'b', remindInMs: 60_000, timer: 'y' },
      { kind: 'advance', ms: 30_000, tick: false },
      { kind: 'event', key: 'b', remindInMs: 60_000, timer: 'x' },
      { kind: 'advance', ms: 0, tick: true },
      { kind: 'event', key: 'a', remindInMs: 600_000, timer: 'y' },
      { kind: 'advance', ms: 30_000, tick: false },
      { kind: 'advance', ms: 0, tick: true },
    ];
    await liveEqualsReplay(traceProjection as () => ProjectionDefinition<unknown>, steps, 1);
  });
});

describe('timers across restarts', () => {
  it('are stored with the read model and fire once, after a restart, when the clock passes them', async () => {
    const clock = createFakeClock(minute(0));
    const store = openStore();
    const readModels = createInMemoryReadModelStore({ freeze: true });
    const open = () =>
      createProjectionRunner({
        projection: traceProjection(),
        eventStore: store,
        readModels,
        clock,
        tickIntervalMs: 0,
      });
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(0), data: { remindInMs: 60_000, timer: 'x' } },
    ]);
    const first = open();
    first.start();
    await first.waitForPosition(1n);
    await first.stop();
    expect(await readModels.listTimers('trace_v1')).toEqual([{ key: 'a', name: 'x', at: minute(1) }]);

    clock.advance(5 * 60_000);
    const second = open();
    second.start();
    await second.waitForPosition(1n);
    await second.tick();
    await second.stop();
    const third = open();
    third.start();
    await third.tick();
    await third.stop();
    expect(await readModels.get('trace_v1', 'a')).toEqual({ log: ['e1@00:00', 't:x@00:01'] });
    expect(await readModels.listTimers('trace_v1')).toEqual([]);
  });

  it('fire with the clock ticking on its own when tickIntervalMs is set', async () => {
    const clock = createFakeClock(minute(0));
    const store = openStore();
    const readModels = createInMemoryReadModelStore({ freeze: true });
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(0), data: { remindInMs: 60_000, timer: 'x' } },
    ]);
    const runner = createProjectionRunner({
      projection: traceProjection(),
      eventStore: store,
      readModels,
      clock,
      tickIntervalMs: 5,
    });
    runner.start();
    await runner.waitForPosition(1n);
    clock.advance(60_000);
    for (let i = 0; i < 100 && (await readModels.listTimers('trace_v1')).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await runner.stop();
    expect(await readModels.get('trace_v1', 'a')).toEqual({ log: ['e1@00:00', 't:x@00:01'] });
  });
});
