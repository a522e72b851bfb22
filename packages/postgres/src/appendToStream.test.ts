import {
  isConcurrencyConflict,
  isIdempotencyKeyReused,
  isValidationError,
  type RapportError,
} from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../test/support';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore('append');
});
afterAll(async () => t.teardown());

const event = (n: number) => ({ type: 'Noted', data: { n } });

describe('appendToStream', () => {
  it('writes events with stream and global positions and reads them back', async () => {
    const first = await t.store.appendToStream('s-1', [event(1), event(2)], {
      expectedRevision: 'no_stream',
    });
    expect(first.duplicate).toBe(false);
    expect(first.nextExpectedRevision).toBe(1n);
    expect(first.events.map((e) => e.streamPosition)).toEqual([0n, 1n]);
    const second = await t.store.appendToStream('s-1', [event(3)], { expectedRevision: 1n });
    expect(second.nextExpectedRevision).toBe(2n);
    expect(second.lastGlobalPosition).toBeGreaterThan(first.lastGlobalPosition);
    const read = await t.store.readStream('s-1');
    expect(read.exists).toBe(true);
    expect(read.revision).toBe(2n);
    expect(read.events).toEqual([...first.events, ...second.events]);
    const backwards = await t.store.readStream('s-1', { direction: 'backwards', maxCount: 2 });
    expect(backwards.events.map((e) => e.streamPosition)).toEqual([2n, 1n]);
  });

  it('reports a conflict with the expected and actual revisions and writes nothing', async () => {
    await t.store.appendToStream('s-2', [event(1)]);
    const error = (await t.store
      .appendToStream('s-2', [event(2)], { expectedRevision: 5n })
      .catch((e: unknown) => e)) as RapportError;
    expect(isConcurrencyConflict(error)).toBe(true);
    expect(error.data).toEqual({ streamId: 's-2', expectedRevision: '5', actualRevision: '0' });
    const noStream = (await t.store
      .appendToStream('s-none', [event(2)], { expectedRevision: 'stream_exists' })
      .catch((e: unknown) => e)) as RapportError;
    expect(noStream.data).toEqual({
      streamId: 's-none',
      expectedRevision: 'stream_exists',
      actualRevision: 'no_stream',
    });
    expect((await t.store.readStream('s-2')).revision).toBe(0n);
  });

  it('returns recorded events frozen at every level, metadata included', async () => {
    const { events } = await t.store.appendToStream('frozen', [
      { type: 'Noted', data: { list: [{ n: 1 }] }, metadata: { source: 'test' } },
    ]);
    const [recorded] = events;
    const data = recorded?.data as { list: { n: number }[] };
    for (const part of [recorded, data, data.list, data.list[0], recorded?.metadata]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });

  it('rejects invalid input with the same errors as the in-memory store', async () => {
    await expect(t.store.appendToStream('', [event(1)])).rejects.toSatisfy(isValidationError);
    await expect(t.store.appendToStream('s-3', [])).rejects.toThrow('events: must be a non-empty array');
  });

  it('keeps strings PostgreSQL text cannot hold', async () => {
    const weird = 'a\\b\u0000c\ud800';
    const stream = 'w-a\\b\ud800';
    const result = await t.store.appendToStream(stream, [
      { type: `T${weird}`, data: { s: weird }, metadata: { idempotencyKey: weird } },
    ]);
    const read = await t.store.readStream(stream);
    expect(read.events).toEqual(result.events);
    const again = await t.store.appendToStream(stream, [
      { type: `T${weird}`, data: { s: weird }, metadata: { idempotencyKey: weird } },
    ]);
    expect(again.duplicate).toBe(true);
    const other = t.store.appendToStream(stream, [
      { type: 'Other', data: {}, metadata: { idempotencyKey: weird } },
    ]);
    await expect(other).rejects.toSatisfy(
      (error) =>
        isIdempotencyKeyReused(error) &&
        error.data.idempotencyKey === weird &&
        error.data.streamId === stream,
    );
  });

  it('keeps awkward types and data in multi-event and bulk appends', async () => {
    const awkward = [
      'a,b',
      '{x}',
      'q"uote',
      'back\\slash',
      'sep\u001erecord',
      'NULL',
      ' spaced ',
      'nul\u0000',
    ];
    const events = awkward.map((type) => ({ type, data: { type, text: `${type}\u001e\n"}` } }));
    const single = await t.store.appendToStream('awkward-1', events);
    const [bulk] = await t.store.appendToStreams([{ streamId: 'awkward-2,"x"', events }]);
    const copying = await createTestStore('append', { schema: t.schema, copyThreshold: 1 });
    const [copied] = await copying.store.appendToStreams([{ streamId: 'awkward-3,\\N', events }]);
    await copying.store.close();
    expect((await t.store.readStream('awkward-3,\\N')).events).toEqual(copied?.events);
    expect((await t.store.readStream('awkward-1')).events).toEqual(single.events);
    expect((await t.store.readStream('awkward-2,"x"')).events).toEqual(bulk?.events);
    expect(single.events.map((e) => e.type)).toEqual(awkward);
    const page = await t.store.readAll({ types: ['q"uote', 'nul\u0000'], streamPrefix: 'awkward-2,"' });
    expect(page.events.map((e) => e.type)).toEqual(['q"uote', 'nul\u0000']);
  });
});
