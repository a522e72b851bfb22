import { isConcurrencyConflict, isValidationError, RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { isPartialAppendError, type PartialAppendError } from '../partialAppendError';
import { createFakeStore } from './fakeStore';

const event = (n: number, idempotencyKey?: string) => ({
  type: 'Happened',
  data: { n },
  ...(idempotencyKey === undefined ? {} : { metadata: { idempotencyKey } }),
});
const lost = () => new RapportError('StoreUnavailable', 'fake: connection lost');

describe('bulk appends without a multi-stream transaction', () => {
  it('writes every stream and returns results in call order', async () => {
    const { store } = createFakeStore();
    const results = await store.appendToStreams([
      { streamId: 'a', events: [event(1), event(2)], expectedRevision: 'no_stream' },
      { streamId: 'b', events: [event(3)] },
    ]);
    expect(results.map((r) => [r.streamId, r.nextExpectedRevision, r.duplicate])).toEqual([
      ['a', 1n, false],
      ['b', 0n, false],
    ]);
  });

  it('writes nothing when a conflict is visible up front, or when any append is invalid', async () => {
    const { store, gateway } = createFakeStore();
    await store.appendToStream('b', [event(0)]);
    const before = gateway.log.length;
    const conflict = await store
      .appendToStreams([
        { streamId: 'a', events: [event(1)], expectedRevision: 'no_stream' },
        { streamId: 'b', events: [event(2)], expectedRevision: 'no_stream' },
      ])
      .catch((e: unknown) => e);
    expect(isConcurrencyConflict(conflict)).toBe(true);
    const invalid = await store
      .appendToStreams([
        { streamId: 'a', events: [event(1)] },
        { streamId: 'c', events: [] },
      ])
      .catch((e: unknown) => e);
    expect(isValidationError(invalid)).toBe(true);
    expect(gateway.log).toHaveLength(before);
  });

  it('fails as a whole when the first write fails', async () => {
    const { store, gateway } = createFakeStore();
    gateway.failAppendOnce('a', lost());
    const error = await store
      .appendToStreams([
        { streamId: 'a', events: [event(1)] },
        { streamId: 'b', events: [event(2)] },
      ])
      .catch((e: unknown) => e);
    expect(isPartialAppendError(error)).toBe(false);
    expect((error as Error).message).toBe('fake: connection lost');
    expect(gateway.log).toHaveLength(0);
  });

  it('reports what was written, what failed and what was not attempted when it stops part-way', async () => {
    const { store, gateway } = createFakeStore();
    gateway.failAppendOnce('b', lost());
    const error = (await store
      .appendToStreams([
        { streamId: 'a', events: [event(1)] },
        { streamId: 'b', events: [event(2)] },
        { streamId: 'c', events: [event(3)] },
      ])
      .catch((e: unknown) => e)) as PartialAppendError;
    expect(isPartialAppendError(error)).toBe(true);
    expect(error.code).toBe('PartialWrite');
    expect(error.completed.map((r) => r.streamId)).toEqual(['a']);
    expect(error.failedStreamId).toBe('b');
    expect(error.notAttempted).toEqual(['c']);
    expect(error.data).toMatchObject({
      partial: true,
      written: ['a'],
      failedStreamId: 'b',
      notAttempted: ['c'],
    });
    expect(error.cause).toBeInstanceOf(RapportError);
    expect(error.message).toContain('no multi-stream transaction');
  });

  it('can be retried safely when every append is keyed: written streams come back as duplicates', async () => {
    const { store, gateway } = createFakeStore();
    const appends = [
      { streamId: 'a', events: [event(1, 'import-1/a')] },
      { streamId: 'b', events: [event(2, 'import-1/b')] },
    ];
    gateway.failAppendOnce('b', lost());
    await expect(store.appendToStreams(appends)).rejects.toSatisfy(isPartialAppendError);
    const retried = await store.appendToStreams(appends);
    expect(retried.map((r) => [r.streamId, r.duplicate])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(gateway.log.filter((r) => !r.streamId.startsWith('$'))).toHaveLength(2);
  });
});
