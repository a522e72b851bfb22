import {
  type AppendResult,
  createInMemoryEventStore,
  isConcurrencyConflict,
  isValidationError,
  newEventId,
  type RapportError,
  type StreamAppend,
} from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../test/support';

const noted = (n: number) => ({ type: 'Noted', data: { n } });

describe.each([
  ['one INSERT from arrays', 1_000_000],
  ['COPY', 1],
])('appendToStreams through %s', (_, copyThreshold) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('bulk', { copyThreshold });
  });
  afterAll(async () => t.teardown());

  it('writes every stream in one call, positions contiguous in call order', async () => {
    const results = await t.store.appendToStreams([
      { streamId: 'b-1', events: [noted(1), noted(2)] },
      { streamId: 'b-2', events: [noted(3)], expectedRevision: 'no_stream' },
    ]);
    expect(results.map((r) => r.events.map((e) => e.globalPosition))).toEqual([
      [results[0]!.events[0]!.globalPosition, results[0]!.events[0]!.globalPosition + 1n],
      [results[0]!.events[0]!.globalPosition + 2n],
    ]);
    expect((await t.store.readStream('b-1')).events).toEqual(results[0]!.events);
  });

  it('writes nothing when one stream conflicts, and names that stream', async () => {
    const head = await t.store.headPosition();
    const error = (await t.store
      .appendToStreams([
        { streamId: 'c-1', events: [noted(1)] },
        { streamId: 'b-1', events: [noted(2)], expectedRevision: 0n },
      ])
      .catch((e: unknown) => e)) as RapportError;
    expect(isConcurrencyConflict(error)).toBe(true);
    expect(error.data).toEqual({ streamId: 'b-1', expectedRevision: '0', actualRevision: '1' });
    expect(await t.store.headPosition()).toBe(head);
    expect((await t.store.readStream('c-1')).exists).toBe(false);
  });

  it('writes nothing when one stream holds an invalid event or a reused event id', async () => {
    const head = await t.store.headPosition();
    await expect(
      t.store.appendToStreams([
        { streamId: 'd-1', events: [noted(1)] },
        { streamId: 'd-2', events: [{ type: '', data: {} }] },
      ]),
    ).rejects.toSatisfy(isValidationError);
    const [written] = await t.store.appendToStreams([{ streamId: 'd-3', events: [noted(1)] }]);
    const events = written?.events ?? [];
    await expect(
      t.store.appendToStreams([
        { streamId: 'd-4', events: [noted(1)] },
        { streamId: 'd-5', events: [{ ...noted(2), id: events[0]!.id }] },
      ]),
    ).rejects.toSatisfy(isValidationError);
    // a failed COPY may leave a gap in the positions, never an event
    expect((await t.store.readAll({ after: head })).events.map((e) => e.streamId)).toEqual(['d-3']);
    expect((await t.store.readStream('d-4')).exists).toBe(false);
  });

  it('refuses an event dated past the tolerance before it takes a position, as the in-memory store does', async () => {
    const [before] = await t.store.appendToStreams([{ streamId: 'f-0', events: [noted(0)] }]);
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    await expect(
      t.store.appendToStreams([
        { streamId: 'f-1', events: [noted(1)] },
        { streamId: 'f-2', events: [{ ...noted(2), metadata: { occurredAt: ahead } }] },
      ]),
    ).rejects.toSatisfy(isValidationError);
    const [written] = await t.store.appendToStreams([{ streamId: 'f-3', events: [noted(3)] }]);
    expect(written?.events[0]?.globalPosition).toBe(before!.events[0]!.globalPosition + 1n);
  });

  it('returns the earlier result for a stream whose idempotency key was used, and writes the others', async () => {
    const key = { idempotencyKey: 'import-7' };
    const [first] = await t.store.appendToStreams([
      { streamId: 'e-1', events: [{ ...noted(1), metadata: key }, noted(2)] },
    ]);
    const [again, other] = await t.store.appendToStreams([
      { streamId: 'e-1', events: [{ ...noted(1), metadata: key }, noted(2)] },
      { streamId: 'e-2', events: [noted(3)] },
    ]);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(other?.duplicate).toBe(false);
    expect((await t.store.readStream('e-1')).events.length).toBe(2);
  });

  it('takes the exclusive gate for calls over many streams, and still checks every revision', async () => {
    const many = Array.from({ length: 700 }, (_, i) => ({
      streamId: `m-${i}`,
      events: [noted(i), noted(i)],
    }));
    const results = await t.store.appendToStreams(many);
    expect(results.length).toBe(700);
    expect(results.at(-1)?.lastGlobalPosition).toBe(results[0]!.events[0]!.globalPosition + 1399n);
    const retry = many.map((append) => ({ ...append, expectedRevision: 1n }));
    retry[650] = { ...retry[650]!, expectedRevision: 0n };
    await expect(t.store.appendToStreams(retry)).rejects.toSatisfy(isConcurrencyConflict);
    expect((await t.store.readStream('m-0')).revision).toBe(1n);
  });

  it('does not deadlock against single appends and other bulks on overlapping streams', async () => {
    const streams = Array.from({ length: 20 }, (_, i) => `o-${i}`);
    const shuffled = () => [...streams].sort(() => Math.random() - 0.5);
    await Promise.all([
      ...Array.from({ length: 6 }, () =>
        t.store.appendToStreams(shuffled().map((streamId) => ({ streamId, events: [noted(0)] }))),
      ),
      ...streams.map((streamId) => t.store.appendToStream(streamId, [noted(1)])),
      t.store.appendToStreams(
        Array.from({ length: 600 }, (_, i) => ({
          streamId: i < 20 ? streams[i]! : `p-${i}`,
          events: [noted(2)],
        })),
      ),
    ]);
    for (const streamId of streams) expect((await t.store.readStream(streamId)).events.length).toBe(8);
  });

  it('raises the same error as the in-memory store when several appends fail', async () => {
    const memory = createInMemoryEventStore({ registry: false });
    const bad = { type: '', data: {} };
    const keyed = { ...noted(0), metadata: { idempotencyKey: 'g-key' } };
    const cases: StreamAppend[][] = [
      [
        { streamId: 'g-ok', events: [noted(1)] },
        { streamId: 'g-bad', events: [bad] },
        { streamId: 'g-seed', events: [noted(2)], expectedRevision: 'no_stream' },
      ],
      [
        { streamId: 'g-ok', events: [noted(1)] },
        { streamId: 'g-seed', events: [bad], expectedRevision: 'no_stream' },
      ],
      [
        { streamId: 'g-seed', events: [noted(1)], expectedRevision: 'no_stream' },
        { streamId: 'g-bad', events: [bad] },
      ],
      [
        { streamId: 'g-keyed', events: [{ ...bad, metadata: { idempotencyKey: 'g-key' } }] },
        { streamId: 'g-other', events: [noted(3)], expectedRevision: 7n },
      ],
      [
        { streamId: 'g-keyed', events: [{ ...bad, metadata: { idempotencyKey: 'g-key' } }] },
        { streamId: 'g-ok', events: [noted(4)] },
        { streamId: 'g-ok', events: [noted(5)] },
      ],
      [
        { streamId: 'g-keyed', events: [{ ...bad, metadata: { idempotencyKey: 'g-key' } }] },
        { streamId: 'g-new', events: [noted(6)] },
      ],
      // a key repeated with other events, before and after a conflict and an invalid append
      [
        { streamId: 'g-keyed', events: [{ ...noted(9), metadata: { idempotencyKey: 'g-key' } }] },
        { streamId: 'g-other', events: [noted(3)], expectedRevision: 7n },
      ],
      [
        { streamId: 'g-other', events: [noted(3)], expectedRevision: 7n },
        { streamId: 'g-keyed', events: [{ ...noted(9), metadata: { idempotencyKey: 'g-key' } }] },
      ],
      [
        { streamId: 'g-keyed', events: [{ ...noted(9), metadata: { idempotencyKey: 'g-key' } }] },
        { streamId: 'g-bad', events: [bad] },
      ],
      [
        { streamId: 'g-bad', events: [bad] },
        { streamId: 'g-keyed', events: [{ ...noted(9), metadata: { idempotencyKey: 'g-key' } }] },
      ],
      // the same events again: the earlier result, and the other stream written
      [
        { streamId: 'g-new', events: [noted(7)] },
        { streamId: 'g-keyed', events: [keyed], expectedRevision: 7n },
      ],
    ];
    for (const store of [memory, t.store]) {
      await store.appendToStreams([
        { streamId: 'g-seed', events: [noted(0)] },
        { streamId: 'g-keyed', events: [keyed] },
      ]);
    }
    const outcome = (promise: Promise<readonly AppendResult[]>) =>
      promise.then(
        (results) => results.map((r) => [r.streamId, r.duplicate, r.nextExpectedRevision]),
        (error: RapportError) => [error.code, error.message],
      );
    for (const appends of cases) {
      expect(await outcome(t.store.appendToStreams(appends))).toEqual(
        await outcome(memory.appendToStreams(appends)),
      );
    }
  });

  it('accepts explicit event ids and an empty call', async () => {
    const id = newEventId();
    const [result] = await t.store.appendToStreams([{ streamId: 'f-1', events: [{ ...noted(1), id }] }]);
    expect(result?.events[0]?.id).toBe(id);
    expect(await t.store.appendToStreams([])).toEqual([]);
  });
});
