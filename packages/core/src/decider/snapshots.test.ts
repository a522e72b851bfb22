import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerDecider, customerStreamId } from '../customer/decider';
import { isRapportError } from '../errors/rapportError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { handleCommand } from './handleCommand';
import { createInMemorySnapshotStore, type SnapshotStore } from './snapshotStore';

const streamId = customerStreamId('c1');
const order = fc.constantFrom('o1', 'o2', 'o3');

/** Customer commands that succeed, fail and repeat, so histories mix appends, refusals and no-ops. */
const command = fc.oneof(
  fc.constant({ type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } }),
  fc.record({
    type: fc.constant('RecordPurchase'),
    data: fc.record({
      customerId: fc.constant('c1'),
      orderId: order,
      lines: fc.constant([]),
      total: fc.integer({ min: 0, max: 500 }),
      currency: fc.constant('USD'),
      paymentMethod: fc.constant('card'),
    }),
  }),
  fc.record({
    type: fc.constant('RecordRefund'),
    data: fc.record({
      customerId: fc.constant('c1'),
      orderId: order,
      refundId: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
      kind: fc.constant('refund'),
      amount: fc.integer({ min: 1, max: 300 }),
      currency: fc.constant('USD'),
      reason: fc.constant('other'),
    }),
  }),
);

/** A step: a command (maybe keyed, keys repeat), or a raw append by another writer (maybe carrying a key). */
const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      command,
      key: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      tags: fc.array(fc.constantFrom('vip', 'eu'), { minLength: 1, maxLength: 3 }),
      key: fc.option(fc.constantFrom('k1', 'k2', 'k4'), { nil: undefined }),
      // a key on a later event only is not the store's idempotency key, so the same key can recur apart
      keyOnLastOnly: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'forget' as const }) },
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Runs the steps against a fresh store; returns what each step gave, in a form both runs can be compared by. */
const run = async (steps: readonly Step[], snapshotting: boolean) => {
  const store = createInMemoryEventStore();
  const fresh = () => (snapshotting ? createInMemorySnapshotStore<never>() : undefined);
  let snapshots: SnapshotStore<never> | undefined = fresh();
  const outcomes: unknown[] = [];
  for (const item of steps) {
    if (item.kind === 'forget') {
      snapshots = fresh();
      continue;
    }
    if (item.kind === 'raw') {
      const keyed = (index: number) =>
        item.key === undefined || (item.keyOnLastOnly && index < item.tags.length - 1)
          ? {}
          : { idempotencyKey: item.key };
      const events = item.tags.map((tag, index) => ({
        type: 'TagAdded',
        data: { tag },
        metadata: keyed(index),
      }));
      const raw = await store
        .appendToStream(streamId, events)
        .then((result) => ({ duplicate: result.duplicate, revision: result.nextExpectedRevision }));
      outcomes.push(raw);
      continue;
    }
    const outcome = await handleCommand(store, customerDecider, item.command as never, {
      streamId,
      ...(item.key === undefined ? {} : { idempotencyKey: item.key }),
      ...(snapshots === undefined ? {} : { snapshots }),
    }).then(
      (result) => ({
        duplicate: result.duplicate,
        revision: result.nextExpectedRevision,
        state: result.state,
        events: result.events.map((event) => [event.type, event.data, event.streamPosition]),
      }),
      (error: unknown) => {
        if (!isRapportError(error)) throw error;
        return { refused: error.code };
      },
    );
    outcomes.push(outcome);
  }
  return outcomes;
};

describe('given any sequence of commands, raw appends and lost snapshots', () => {
  it('handling commands with snapshots gives the same results as folding the whole stream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        expect(await run(steps, true)).toEqual(await run(steps, false));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the in-memory snapshot store', () => {
  it('keeps the later snapshot of a stream and drops the least recently used stream', async () => {
    const snapshots = createInMemorySnapshotStore<{ n: number }>({ maxStreams: 2 });
    const keys = new Map();
    await snapshots.save('a', { revision: 5n, state: { n: 5 }, keys });
    await snapshots.save('a', { revision: 3n, state: { n: 3 }, keys });
    expect((await snapshots.load('a'))?.state).toEqual({ n: 5 });
    await snapshots.save('b', { revision: 1n, state: { n: 1 }, keys });
    await snapshots.load('a');
    await snapshots.save('c', { revision: 1n, state: { n: 1 }, keys });
    expect(await snapshots.load('b')).toBeUndefined();
    expect(await snapshots.load('a')).toBeDefined();
  });

  it('freezes saved states, so a caller cannot alter what later commands start from', async () => {
    const store = createInMemoryEventStore();
    const snapshots = createInMemorySnapshotStore<ReturnType<typeof customerDecider.initialState>>();
    const register = { type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } };
    const result = await handleCommand(store, customerDecider, register as never, { streamId, snapshots });
    expect(Object.isFrozen(result.state)).toBe(true);
  });
});

describe('a command on a long stream with snapshots', () => {
  it('reads only the events after the snapshot', async () => {
    const store = createInMemoryEventStore();
    const snapshots = createInMemorySnapshotStore<ReturnType<typeof customerDecider.initialState>>();
    const register = { type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } };
    await handleCommand(store, customerDecider, register as never, { streamId, snapshots });
    await store.appendToStream(
      streamId,
      Array.from({ length: 50 }, (_, n) => ({ type: 'TagAdded', data: { tag: `t${n}` } })),
    );
    const reads: (bigint | undefined)[] = [];
    const counting = {
      ...store,
      readStream: (id: string, options?: { fromRevision?: bigint }) => {
        reads.push(options?.fromRevision);
        return store.readStream(id, options);
      },
    };
    const tag = { type: 'AddTag', data: { customerId: 'c1', tag: 'vip' } };
    const first = await handleCommand(counting, customerDecider, tag as never, { streamId, snapshots });
    const another = { type: 'AddTag', data: { customerId: 'c1', tag: 'eu' } };
    const second = await handleCommand(counting, customerDecider, another as never, {
      streamId,
      snapshots,
      idempotencyKey: 'x',
    });
    expect(first.state.tags).toMatchObject({ t0: true, t49: true, vip: true });
    expect(second.nextExpectedRevision).toBe(first.nextExpectedRevision! + 1n);
    expect(reads).toEqual([1n, first.nextExpectedRevision! + 1n]);
  });
});
