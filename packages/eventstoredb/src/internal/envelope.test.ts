import {
  createEventRegistry,
  defineEvent,
  defineUpcaster,
  isRapportError,
  type PreparedEvent,
  prepareEvents,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromStoredRecord, fromWireMetadata, IDEMPOTENCY_MARK, toWireEvent } from './envelope';
import { createFakeStore } from './fakeStore';
import type { StoredRecord, WireEvent } from './gateway';

const now = new Date('2026-03-01T09:00:00.000Z');
const created = new Date('2026-03-01T09:00:00.123Z');

const prepareOne = (metadata: Record<string, unknown>): PreparedEvent =>
  prepareEvents(
    'customer-c1',
    [{ type: 'NoteAdded', data: { text: 'hi', nested: [1, { a: true }] }, metadata }],
    {
      registry: false,
      now,
      tenantId: 'acme',
    },
  )[0]!;

/** What the server would hand back for a wire event: JSON-serialized both ways, positioned. */
const stored = (
  wire: WireEvent,
  position = { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n },
): StoredRecord => ({
  id: wire.id,
  type: wire.type,
  streamId: 'customer-c1',
  revision: 12n,
  position,
  created,
  data: JSON.parse(JSON.stringify(wire.data)),
  metadata: JSON.parse(JSON.stringify(wire.metadata)),
});

describe('mapping the envelope to EventStoreDB and back', () => {
  const full = {
    customerId: 'c1',
    occurredAt: '2025-12-24T18:30:00+01:00',
    channel: 'email',
    source: 'web-shop',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    actor: 'agent-7',
    idempotencyKey: 'order-42',
    schemaVersion: 3,
  };

  it('round-trips every metadata field', () => {
    const prepared = prepareOne(full);
    const back = fromStoredRecord(stored(toWireEvent(prepared)), 'other-tenant');
    expect(back.metadata).toEqual(prepared.metadata);
    expect(back.metadata).toEqual({
      customerId: 'c1',
      occurredAt: '2025-12-24T17:30:00.000Z',
      recordedAt: '2026-03-01T09:00:00.000Z',
      channel: 'email',
      source: 'web-shop',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: 'agent-7',
      idempotencyKey: 'order-42',
      tenantId: 'acme',
      schemaVersion: 3,
    });
    expect(back).toMatchObject({
      id: prepared.id,
      type: 'NoteAdded',
      data: { text: 'hi', nested: [1, { a: true }] },
    });
  });

  it('stores correlation and causation under the $correlationId / $causationId convention', () => {
    const wire = toWireEvent(prepareOne(full));
    expect(wire.metadata).toMatchObject({ $correlationId: 'corr-1', $causationId: 'cause-1' });
    expect(wire.metadata).not.toHaveProperty('correlationId');
    expect(wire.metadata).not.toHaveProperty('causationId');
  });

  it('keeps only the fields that were given, with no undefined keys', () => {
    const wire = toWireEvent(prepareOne({}));
    expect(Object.keys(wire.metadata).sort()).toEqual([
      'occurredAt',
      'recordedAt',
      'schemaVersion',
      'tenantId',
    ]);
    const back = fromStoredRecord(stored(wire), 'x');
    expect(Object.keys(back.metadata).sort()).toEqual([
      'occurredAt',
      'recordedAt',
      'schemaVersion',
      'tenantId',
    ]);
  });

  it('maps positions exactly as bigints: the commit position and the stream revision', () => {
    const back = fromStoredRecord(stored(toWireEvent(prepareOne({}))), 'x');
    expect(back.globalPosition).toBe(9_007_199_254_740_993n); // beyond Number.MAX_SAFE_INTEGER
    expect(back.streamPosition).toBe(12n);
  });

  it('hides the idempotency mark from readers', () => {
    const wire = toWireEvent(prepareOne(full), { size: 2, attempt: 'a-1' });
    expect(wire.metadata[IDEMPOTENCY_MARK]).toEqual({ size: 2, attempt: 'a-1' });
    expect(fromStoredRecord(stored(wire), 'x').metadata).not.toHaveProperty(IDEMPOTENCY_MARK);
  });

  it('reads events written by other tools with sensible defaults and never crashes', () => {
    expect(fromWireMetadata(undefined, created, 'acme')).toEqual({
      occurredAt: '2026-03-01T09:00:00.123Z',
      recordedAt: '2026-03-01T09:00:00.123Z',
      tenantId: 'acme',
      schemaVersion: 1,
    });
    expect(
      fromWireMetadata(
        { correlationId: 'legacy', channel: 'pigeon', schemaVersion: 'two', actor: 42, extra: { deep: 1 } },
        created,
        'acme',
      ),
    ).toEqual({
      correlationId: 'legacy',
      occurredAt: '2026-03-01T09:00:00.123Z',
      recordedAt: '2026-03-01T09:00:00.123Z',
      tenantId: 'acme',
      schemaVersion: 1,
    });
    expect(fromWireMetadata(new Uint8Array([1, 2]), created, 'acme').tenantId).toBe('acme');
    const bytes = new Uint8Array([0xde, 0xad]);
    const binary = fromStoredRecord(
      { ...stored(toWireEvent(prepareOne({}))), data: bytes, metadata: undefined },
      'acme',
    );
    expect(binary.data).toBe(bytes);
  });

  it('refuses a record without a log position with a Configuration error naming the server version', () => {
    const error = (() => {
      try {
        fromStoredRecord({ ...stored(toWireEvent(prepareOne({}))), position: undefined }, 'x');
      } catch (e) {
        return e;
      }
    })();
    expect(isRapportError(error, 'Configuration')).toBe(true);
    expect((error as Error).message).toContain('22.10');
  });
});

describe('reading through a registry', () => {
  const v2 = defineEvent({
    type: 'NameRecorded',
    family: 'test',
    version: 2,
    description: 'v2 splits the name',
    schema: z.strictObject({ given: z.string(), family: z.string() }),
  });
  const registry = createEventRegistry([v2], {
    upcasters: [
      defineUpcaster({
        type: 'NameRecorded',
        fromVersion: 1,
        schema: z.strictObject({ name: z.string() }),
        up: (data) => {
          const [given = '', family = ''] = data.name.split(' ');
          return { given, family };
        },
      }),
    ],
  });

  it('lifts old versions on every read path and passes unknown types through untouched', async () => {
    const { store, gateway } = createFakeStore({ registry });
    await store.appendToStream('people-1', [
      { type: 'NameRecorded', data: { name: 'Ada Lovelace' }, metadata: { schemaVersion: 1 } },
    ]);
    // an event the registry does not know, written by another tool straight to the server
    await gateway.append(
      'people-1',
      [{ id: crypto.randomUUID(), type: 'LegacyThing', data: { x: 1 }, metadata: {} }],
      'any',
    );
    const read = await store.readStream('people-1');
    expect(read.events.map((e) => [e.type, e.data, e.metadata.schemaVersion])).toEqual([
      ['NameRecorded', { given: 'Ada', family: 'Lovelace' }, 2],
      ['LegacyThing', { x: 1 }, 1],
    ]);
    expect((await store.readAll({ streamPrefix: 'people-' })).events.map((e) => e.data)).toEqual(
      read.events.map((e) => e.data),
    );
    // stored as written: the upcast happens on read only
    expect(gateway.log.find((r) => r.type === 'NameRecorded')?.data).toEqual({ name: 'Ada Lovelace' });
  });
});
