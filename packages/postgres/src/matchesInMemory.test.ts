import {
  type AppendResult,
  createFakeClock,
  createInMemoryEventStore,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../test/support';

type Op =
  | { kind: 'append'; stream: string; events: EventToAppend[]; expected: ExpectedRevision | undefined }
  | {
      kind: 'bulk';
      appends: { streamId: string; events: EventToAppend[]; expectedRevision?: ExpectedRevision }[];
    }
  | { kind: 'readStream'; stream: string; from?: bigint; backwards: boolean; max?: number; until?: string }
  | { kind: 'readAll'; after: bigint; max: number; types?: string[]; prefix?: string }
  | { kind: 'head' }
  /** An earlier append again (a retry), as it was, with the request's actor changed, or with other data. */
  | { kind: 'repeat'; of: number; change: 'none' | 'actor' | 'data' };

const streams = ['a-1', 'a-2', 'b-1'];
const types = ['Noted', 'Called', 'Bought'];
const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const recordedFrom = '2026-02-01T00:00:00.000Z';

const eventArb: fc.Arbitrary<EventToAppend> = fc.record({
  type: fc.constantFrom(...types),
  data: fc.record({ n: fc.integer(), s: fc.string({ unit: 'binary', maxLength: 5 }) }),
  metadata: fc.record(
    {
      occurredAt: fc.integer({ min: 1, max: 9 }).map(day),
      idempotencyKey: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'),
      actor: fc.constantFrom('ann', 'bob'),
    },
    { requiredKeys: [] },
  ),
});
const expectedArb = fc.option(
  fc.oneof(
    fc.constantFrom<ExpectedRevision>('any', 'no_stream', 'stream_exists'),
    fc.bigInt({ min: 0n, max: 4n }),
  ),
  { nil: undefined },
);
const eventsArb = fc.array(eventArb, { minLength: 1, maxLength: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.constantFrom(...streams),
      events: eventsArb,
      expected: expectedArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      appends: fc
        .uniqueArray(
          fc.record({
            streamId: fc.constantFrom(...streams),
            events: eventsArb,
            expectedRevision: expectedArb,
          }),
          { selector: (a) => a.streamId, minLength: 1, maxLength: 3 },
        )
        .map((appends) =>
          appends.map(({ expectedRevision, ...rest }) =>
            expectedRevision === undefined ? rest : { ...rest, expectedRevision },
          ),
        ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('readStream' as const),
        stream: fc.constantFrom(...streams, 'none'),
        from: fc.bigInt({ min: 0n, max: 6n }),
        backwards: fc.boolean(),
        max: fc.integer({ min: 1, max: 4 }),
        until: fc.integer({ min: 1, max: 9 }).map(day),
      },
      { requiredKeys: ['kind', 'stream', 'backwards'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('readAll' as const),
        after: fc.bigInt({ min: 0n, max: 12n }),
        max: fc.integer({ min: 1, max: 5 }),
        types: fc.subarray(types),
        prefix: fc.constantFrom('', 'a-', 'b-1', 'zz'),
      },
      { requiredKeys: ['kind', 'after', 'max'] },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'head' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      of: fc.nat(),
      change: fc.constantFrom('none' as const, 'actor' as const, 'data' as const),
    }),
  },
);

type Write = Extract<Op, { kind: 'append' | 'bulk' }>;

/** The events of a retry: the same ones, with another actor, or with the last event's data changed. */
const retried = (events: EventToAppend[], change: 'none' | 'actor' | 'data'): EventToAppend[] =>
  events.map((event, index) => {
    if (change === 'actor') return { ...event, metadata: { ...event.metadata, actor: 'retrier' } };
    if (change === 'data' && index === events.length - 1) {
      return { ...event, data: { ...(event.data as object), n: (event.data as { n: number }).n + 1 } };
    }
    return event;
  });

/** A repeat as the write it stands for: one of the writes recorded so far, retried; undefined before any. */
const resolve = (op: Extract<Op, { kind: 'repeat' }>, writes: readonly Write[]): Write | undefined => {
  const earlier = writes[op.of % Math.max(writes.length, 1)];
  if (earlier === undefined) return undefined;
  return earlier.kind === 'append'
    ? { ...earlier, events: retried(earlier.events, op.change) }
    : { ...earlier, appends: earlier.appends.map((a) => ({ ...a, events: retried(a.events, op.change) })) };
};

const settle = async (promise: Promise<unknown>) => {
  try {
    return { ok: await promise };
  } catch (error) {
    const e = error as { code?: string; message?: string; data?: unknown };
    return { error: { code: e.code, message: e.message, data: e.data } };
  }
};

const run = (store: EventStore, op: Exclude<Op, { kind: 'repeat' }>) => {
  switch (op.kind) {
    case 'append':
      return store.appendToStream(
        op.stream,
        op.events,
        op.expected === undefined ? {} : { expectedRevision: op.expected },
      );
    case 'bulk':
      return store.appendToStreams(op.appends);
    case 'readStream':
      return store.readStream(op.stream, {
        direction: op.backwards ? 'backwards' : 'forwards',
        ...(op.from === undefined ? {} : { fromRevision: op.from }),
        ...(op.max === undefined ? {} : { maxCount: op.max }),
        ...(op.until === undefined ? {} : { until: op.until }),
      });
    case 'readAll':
      return store.readAll({
        after: op.after,
        maxCount: op.max,
        ...(op.types === undefined ? {} : { types: op.types }),
        ...(op.prefix === undefined ? {} : { streamPrefix: op.prefix }),
      });
    case 'head':
      return store.headPosition();
  }
};

/** Event ids are random per store: compare results with ids taken out. */
const withoutIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'id')
        .map(([key, v]) => [key, withoutIds(v)]),
    );
  }
  return value;
};

describe('given any sequence of appends and reads', () => {
  it('the postgres store answers exactly as the in-memory store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.boolean(), async (ops, copy) => {
        // recorded after every generated occurredAt, which the stores would refuse as future-dated otherwise
        const memory = createInMemoryEventStore({ registry: false, clock: createFakeClock(recordedFrom) });
        const t = await createTestStore('differential', {
          clock: createFakeClock(recordedFrom),
          copyThreshold: copy ? 1 : 1_000_000,
        });
        try {
          const check = async (op: Exclude<Op, { kind: 'repeat' }>) => {
            const [expected, actual] = [await settle(run(memory, op)), await settle(run(t.store, op))];
            const label = JSON.stringify(op, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
            expect(withoutIds(actual), label).toEqual(withoutIds(expected));
            return 'ok' in expected;
          };
          const writes: Write[] = [];
          for (const op of ops) {
            const concrete = op.kind === 'repeat' ? resolve(op, writes) : op;
            if (concrete === undefined) continue;
            const recorded = await check(concrete);
            if (recorded && (concrete.kind === 'append' || concrete.kind === 'bulk')) writes.push(concrete);
          }
          const end = (await memory.headPosition()) + 1n;
          for (let after = 0n; after <= end; after++) {
            for (const max of [1, 2, 3]) {
              await check({ kind: 'readAll', after, max });
              await check({ kind: 'readAll', after, max, prefix: 'a-', types: ['Noted', 'Called'] });
            }
          }
          for (const stream of streams) {
            await check({ kind: 'readStream', stream, backwards: false });
            await check({ kind: 'readStream', stream, backwards: true, max: 2 });
          }
        } finally {
          await t.teardown();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('returns the events it wrote as they are later read', async () => {
    const t = await createTestStore('roundtrip');
    try {
      const written: AppendResult = await t.store.appendToStream('r-1', [
        {
          type: 'Noted',
          data: { deep: { list: [1, 'two', null, { x: true }] } },
          metadata: { channel: 'web' },
        },
      ]);
      expect((await t.store.readStream('r-1')).events).toEqual(written.events);
      expect((await t.store.readAll()).events).toEqual(written.events);
    } finally {
      await t.teardown();
    }
  });
});
