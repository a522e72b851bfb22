import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { appendAll, minute, openStore } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

interface Spend {
  readonly orders: number;
  readonly total?: unknown;
  readonly since?: unknown;
}

/** Keeps a count, and on 'Bad' events the kind of value no read-model store can keep. */
const spend = (failurePolicy: 'stop' | 'skip') =>
  defineProjection<Spend>({
    name: 'spend',
    version: 1,
    handles: ['Order', 'Bad', 'Late'],
    failurePolicy,
    init: () => ({ orders: 0 }),
    evolve: (state, event, ctx) => {
      if (event.type === 'Late') {
        ctx.schedule(minute(10), 'check');
        return state;
      }
      if (event.type === 'Bad') return { ...state, total: BigInt(state.orders) };
      return { ...state, orders: state.orders + 1 };
    },
    onTimer: (state) => ({ ...state, since: new Date(0) }),
  });

const history = [
  { type: 'Order', key: 'a', at: minute(1) },
  { type: 'Bad', key: 'a', at: minute(2) },
  { type: 'Order', key: 'a', at: minute(3) },
];

/** Runs `spend` under 'skip' over `events` to their end; the read models it leaves, and what was recorded. */
const runSkipping = async (events: Parameters<typeof appendAll>[1]) => {
  const store = openStore();
  const readModels = createInMemoryReadModelStore();
  const recorded = await appendAll(store, events);
  const runner = createProjectionRunner({
    projection: spend('skip'),
    eventStore: store,
    readModels,
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(BigInt(recorded.length));
  await runner.stop();
  return { readModels, recorded };
};

describe('a handler that returns a state no read-model store can keep', () => {
  it("is a dead letter naming the value under 'skip', and the runner goes on, as the fold does", async () => {
    const { readModels, recorded } = await runSkipping(history);
    expect(await readModels.get('spend_v1', 'a')).toEqual({ orders: 2 });
    const letters = await readModels.listDeadLetters('spend_v1');
    expect(letters).toEqual([
      expect.objectContaining({ position: 2n, eventId: recorded[1]!.id, key: 'a', policy: 'skip' }),
    ]);
    expect(letters[0]!.error.message).toMatch(/state\.total.*JSON.*1n/);
    const fold = foldProjection(spend('skip'), recorded);
    expect(fold.documents.get('a')).toEqual({ orders: 2 });
    expect(fold.deadLetters.map((letter) => [letter.position, letter.error.message])).toEqual(
      letters.map((letter) => [letter.position, letter.error.message]),
    );
  });

  it("stops the projection under 'stop' with the reason in its status, instead of retrying a commit for ever", async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    await appendAll(store, history);
    const runner = createProjectionRunner({
      projection: spend('stop'),
      eventStore: store,
      readModels,
      tickIntervalMs: 0,
    });
    runner.start();
    await expect(runner.waitForPosition(3n)).rejects.toThrow(/failed at position 1/);
    expect(runner.status()).toMatchObject({
      state: 'failed',
      failure: { position: 2n, key: 'a', error: { message: expect.stringMatching(/state\.total/) } },
    });
    expect(await readModels.get('spend_v1', 'a')).toEqual({ orders: 1 });
  });

  it('is a dead letter when the state comes from a timer, too', async () => {
    const { readModels } = await runSkipping([
      { type: 'Late', key: 'b', at: minute(1) },
      { type: 'Order', key: 'b', at: minute(20) },
    ]);
    expect(await readModels.get('spend_v1', 'b')).toEqual({ orders: 1 });
    const [letter] = await readModels.listDeadLetters('spend_v1');
    expect(letter).toMatchObject({ key: 'b', timer: { name: 'check' } });
    expect(letter!.error.message).toMatch(/state\.since.*plain object.*Date/);
  });
});
