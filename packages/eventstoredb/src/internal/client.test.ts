import {
  AccessDeniedError,
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { isConcurrencyConflict, isRapportError, RapportError } from '@rapport/core';
import { describe, expect, it, vi } from 'vitest';
import {
  createClientGateway,
  type EventStoreDbClient,
  mapClientError,
  toClientExpectedRevision,
  toClientFilter,
  toStoredRecord,
} from './client';

describe('expected revisions in the client', () => {
  it('maps each of the four cases', () => {
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision(41n)).toBe(41n);
  });
});

describe('filters in the client', () => {
  it('builds event-type and stream-name filters, by regex or prefixes', () => {
    expect(toClientFilter({ on: 'eventType', regex: '^(?:A|B)$' })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:A|B)$',
    });
    expect(toClientFilter({ on: 'streamName', prefixes: ['customer-'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['customer-'],
    });
  });
});

describe('client errors as Rapport errors', () => {
  const wrong = (expected: bigint | 'no_stream' | 'stream_exists' | 'any', current: bigint | 'no_stream') =>
    new WrongExpectedVersionError(undefined, { streamName: 'customer-c1', expected, current });

  it('turns a wrong expected version into a concurrency conflict with both revisions', () => {
    const error = mapClientError(wrong(3n, 5n), {
      operation: 'append',
      streamId: 'customer-c1',
      expected: 3n,
    });
    expect(isConcurrencyConflict(error)).toBe(true);
    expect((error as RapportError).data).toEqual({
      streamId: 'customer-c1',
      expectedRevision: '3',
      actualRevision: '5',
    });
    expect(error.cause).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('names a missing stream no_stream and reads the raw server constants when no context is given', () => {
    const noStream = mapClientError(wrong('stream_exists', 'no_stream'), { operation: 'append' });
    expect((noStream as RapportError).data).toMatchObject({
      streamId: 'customer-c1',
      expectedRevision: 'stream_exists',
      actualRevision: 'no_stream',
    });
    const raw = mapClientError(wrong(-1n, 0n), { operation: 'append' });
    expect((raw as RapportError).data).toMatchObject({ expectedRevision: 'no_stream', actualRevision: '0' });
  });

  it('maps size limits, deleted streams, access and transient failures to their codes', () => {
    const context = { operation: 'append', streamId: 's' };
    expect(
      isRapportError(
        mapClientError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), context),
        'LimitExceeded',
      ),
    ).toBe(true);
    expect(
      isRapportError(mapClientError(StreamDeletedError.fromStreamName('s'), context), 'IllegalState'),
    ).toBe(true);
    expect(isRapportError(mapClientError(new AccessDeniedError(), context), 'Configuration')).toBe(true);
    const unavailable = mapClientError(new UnavailableError(undefined, 'connection refused'), context);
    expect(isRapportError(unavailable, 'StoreUnavailable')).toBe(true);
    expect(unavailable.message).toContain('connection refused');
  });

  it('passes through errors that are not the client’s', () => {
    const bug = new TypeError('x is undefined');
    expect(mapClientError(bug, { operation: 'read' })).toBe(bug);
    const ours = new RapportError('Validation', 'bad');
    expect(mapClientError(ours, { operation: 'read' })).toBe(ours);
  });
});

describe('client records', () => {
  it('become neutral records, positions kept as bigints; unresolved links are skipped', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    const record = toStoredRecord({
      event: {
        streamId: 's-1',
        id: 'e1',
        isJson: true,
        revision: 3n,
        type: 'T',
        created,
        data: { a: 1 },
        metadata: { tenantId: 't' },
        position: { commit: 10n, prepare: 10n },
      },
    });
    expect(record).toEqual({
      id: 'e1',
      type: 'T',
      streamId: 's-1',
      revision: 3n,
      position: { commit: 10n, prepare: 10n },
      created,
      data: { a: 1 },
      metadata: { tenantId: 't' },
    });
    expect(toStoredRecord({ commitPosition: 5n })).toBeUndefined();
  });
});

/** A stand-in for the client with just what the gateway calls. */
const stubClient = (parts: Record<string, unknown>) => parts as unknown as EventStoreDbClient;

describe('the client gateway', () => {
  it('reads a missing stream as no_stream and bounds every read', async () => {
    const readStream = vi.fn(() =>
      (async function* () {
        yield* [];
        throw new StreamNotFoundError(undefined, 'nope');
      })(),
    );
    const readAll = vi.fn(() => (async function* () {})());
    const gateway = createClientGateway(stubClient({ readStream, readAll }), false);
    expect(await gateway.readStream('nope', { direction: 'forwards', from: 'start', maxCount: 5 })).toBe(
      'no_stream',
    );
    expect(readStream).toHaveBeenCalledWith('nope', {
      direction: 'forwards',
      fromRevision: 'start',
      maxCount: 5n,
    });
    await gateway.readAll({ direction: 'forwards', from: { commit: 7n, prepare: 7n }, maxCount: 3 });
    expect(readAll).toHaveBeenCalledWith({
      direction: 'forwards',
      fromPosition: { commit: 7n, prepare: 7n },
      maxCount: 3n,
    });
  });

  it('sends JSON events with the expected revision and reports a conflict from a non-throwing client', async () => {
    const appendToStream = vi.fn(async () => ({ success: false, nextExpectedRevision: 4n }));
    const gateway = createClientGateway(stubClient({ appendToStream }), false);
    const error = await gateway
      .append(
        's',
        [{ id: '0190a5c2-0000-7000-8000-000000000001', type: 'T', data: { a: 1 }, metadata: { m: 1 } }],
        2n,
      )
      .catch((e: unknown) => e);
    expect(isConcurrencyConflict(error)).toBe(true);
    expect((error as RapportError).data).toMatchObject({ expectedRevision: '2', actualRevision: '4' });
    expect(appendToStream).toHaveBeenCalledWith(
      's',
      [
        expect.objectContaining({
          id: '0190a5c2-0000-7000-8000-000000000001',
          contentType: 'application/json',
          type: 'T',
          data: { a: 1 },
          metadata: { m: 1 },
        }),
      ],
      { expectedRevision: 2n },
    );
  });

  it('closes a subscription by unsubscribing and destroying the readable, and maps feed errors', async () => {
    let fail: Error | undefined = new UnavailableError(undefined, 'socket hang up');
    const subscription = {
      unsubscribe: vi.fn(async () => undefined),
      destroy: vi.fn(),
      async *[Symbol.asyncIterator]() {
        if (fail) throw fail;
        yield* [];
      },
    };
    const subscribeToAll = vi.fn(() => subscription);
    const gateway = createClientGateway(stubClient({ subscribeToAll }), false);
    const feed = gateway.subscribeToAll({
      from: { commit: 9n, prepare: 9n },
      filter: { on: 'eventType', regex: '^[^$]' },
    });
    expect(subscribeToAll).toHaveBeenCalledWith({
      fromPosition: { commit: 9n, prepare: 9n },
      filter: expect.objectContaining({ filterOn: 'eventType', regex: '^[^$]' }),
    });
    const error = await (async () => {
      try {
        for await (const _ of feed) break;
      } catch (e) {
        return e;
      }
    })();
    expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
    await feed.close();
    expect(subscription.unsubscribe).toHaveBeenCalledOnce();
    expect(subscription.destroy).toHaveBeenCalledOnce();
    fail = new Error('premature close');
    for await (const _ of feed) break; // errors after close are ours: swallowed
  });

  it('disposes only a client it owns', async () => {
    const dispose = vi.fn(async () => undefined);
    await createClientGateway(stubClient({ dispose }), false).dispose();
    expect(dispose).not.toHaveBeenCalled();
    await createClientGateway(stubClient({ dispose }), true).dispose();
    expect(dispose).toHaveBeenCalledOnce();
  });
});
