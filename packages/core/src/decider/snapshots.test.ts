import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock';
import { customerDecider, customerStreamId } from '../customer/decider';
import { isRapportError } from '../errors/rapportError';
import type { DomainEvent } from '../registry/defineEvent';
import type { EventStore } from '../store/eventStore';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { Decider } from './decider';
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
  // a clock that stands still, so that both runs date their events (and so their orders) alike
  const store = createInMemoryEventStore({ clock: createFakeClock() });
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
      const raw = await store.appendToStream(streamId, events).then(
        (result) => ({ duplicate: result.duplicate, revision: result.nextExpectedRevision }),
        (error: unknown) => {
          if (!isRapportError(error)) throw error;
          return { refused: error.code }; // a key repeated with other tags
        },
      );
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

/** The store, with the `fromRevision` of every stream read it serves recorded in `reads`. */
const countingReads = (store: EventStore) => {
  const reads: (bigint | undefined)[] = [];
  const counting: EventStore = {
    ...store,
    readStream: (id, options) => {
      reads.push(options?.fromRevision);
      return store.readStream(id, options);
    },
  };
  return { counting, reads };
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
    await snapshots.save('a', { deciderVersion: 1, revision: 5n, state: { n: 5 }, keys });
    await snapshots.save('a', { deciderVersion: 1, revision: 3n, state: { n: 3 }, keys });
    expect((await snapshots.load('a'))?.state).toEqual({ n: 5 });
    await snapshots.save('b', { deciderVersion: 1, revision: 1n, state: { n: 1 }, keys });
    await snapshots.load('a');
    await snapshots.save('c', { deciderVersion: 1, revision: 1n, state: { n: 1 }, keys });
    expect(await snapshots.load('b')).toBeUndefined();
    expect(await snapshots.load('a')).toBeDefined();
  });

  it('replaces a snapshot of another decider version even when it reaches a later revision', async () => {
    const snapshots = createInMemorySnapshotStore<{ n: number }>();
    const keys = new Map();
    await snapshots.save('a', { deciderVersion: 1, revision: 9n, state: { n: 9 }, keys });
    await snapshots.save('a', { deciderVersion: 2, revision: 4n, state: { n: 4 }, keys });
    expect(await snapshots.load('a')).toMatchObject({ deciderVersion: 2, revision: 4n });
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
    const { counting, reads } = countingReads(store);
    const tag = { type: 'AddTag', data: { customerId: 'c1', tag: 'vip' } };
    const first = await handleCommand(counting, customerDecider, tag as never, { streamId, snapshots });
    const another = { type: 'AddTag', data: { customerId: 'c1', tag: 'eu' } };
    const second = await handleCommand(counting, customerDecider, another as never, {
      streamId,
      snapshots,
      idempotencyKey: 'x',
    });
    expect(first.state.tags.toJSON()).toMatchObject({ t0: true, t49: true, vip: true });
    expect(second.nextExpectedRevision).toBe(first.nextExpectedRevision! + 1n);
    expect(reads).toEqual([1n, first.nextExpectedRevision! + 1n]);
  });
});

describe('a decider whose version changed', () => {
  // #region decider-version
  /** Counts tags; version 2 gives each tag weight 10, so the same events fold to different states. */
  const counter = (
    version: number,
    weight: number,
  ): Decider<{ type: 'Tag'; tag: string }, { n: number }, DomainEvent> => ({
    version,
    initialState: () => ({ n: 0 }),
    evolve: (state, event) => (event.type === 'TagAdded' ? { n: state.n + weight } : state),
    decide: (command) => [{ type: 'TagAdded', data: { tag: command.tag } }],
  });
  // #endregion decider-version

  it('ignores snapshots taken by the old version and folds the stream again', async () => {
    const store = createInMemoryEventStore();
    const snapshots = createInMemorySnapshotStore<{ n: number }>();
    const tag = (t: string) => ({ type: 'Tag' as const, tag: t });
    await handleCommand(store, counter(1, 1), tag('a'), { streamId, snapshots });
    const old = await handleCommand(store, counter(1, 1), tag('b'), { streamId, snapshots });
    expect(old.state).toEqual({ n: 2 });
    const { counting, reads } = countingReads(store);
    // evolve changed (each tag now weighs 10): version 2 will not start from a state version 1 folded
    const upgraded = await handleCommand(counting, counter(2, 10), tag('c'), { streamId, snapshots });
    expect(upgraded.state).toEqual({ n: 30 });
    expect(reads).toEqual([undefined]);
    expect(await snapshots.load(streamId)).toMatchObject({ deciderVersion: 2, revision: 2n });
  });

  it('refuses a version that is not a positive integer, before touching the store', async () => {
    const store = createInMemoryEventStore();
    for (const version of [0, -1, 1.5, Number.NaN, '2' as unknown as number]) {
      await expect(
        handleCommand(store, counter(version, 1), { type: 'Tag' as const, tag: 'a' }, { streamId }),
      ).rejects.toMatchObject({ code: 'Configuration', message: expect.stringContaining('decider.version') });
    }
    expect((await store.readStream(streamId)).exists).toBe(false);
  });
});
