import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './envelope';
import { appendDifference } from './repeatedAppend';

const recorded = (data: unknown, metadata: Partial<RecordedEvent['metadata']> = {}): RecordedEvent => ({
  id: '0190e4b8-7f3c-7a00-8000-000000000001',
  type: 'PurchaseCompleted',
  data,
  streamId: 'customer-c1',
  streamPosition: 0n,
  globalPosition: 1n,
  metadata: {
    occurredAt: '2026-03-02T10:00:00.000Z',
    recordedAt: '2026-03-02T10:00:01.000Z',
    tenantId: 'default',
    schemaVersion: 1,
    ...metadata,
  },
});

/** JSON values as a store keeps them: no `undefined`, no `-0`, finite numbers. */
const json = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Reverses the key order of every object in a JSON value. */
const reordered = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reordered(inner)]),
  );
};

describe('given an append repeated under its idempotency key', () => {
  it('the same data in another key order repeats it', () => {
    fc.assert(
      fc.property(json, (data) => {
        expect(
          appendDifference([recorded(data)], [{ type: 'PurchaseCompleted', data: reordered(data) }]),
        ).toBe(undefined);
      }),
    );
  });

  it('names the first leaf of the data that changed', () => {
    const data = { orderId: 'o-1', total: 12, lines: [{ sku: 'a', quantity: 1 }], 'odd key': { x: 1 } };
    const again = (changed: unknown) =>
      appendDifference([recorded(data)], [{ type: 'PurchaseCompleted', data: changed }]);
    expect(again({ ...data, total: 13 })).toBe('events[0].data.total');
    expect(again({ ...data, lines: [{ sku: 'a', quantity: 2 }] })).toBe('events[0].data.lines[0].quantity');
    expect(again({ ...data, lines: [] })).toBe('events[0].data.lines');
    expect(again({ ...data, 'odd key': { x: 2 } })).toBe('events[0].data["odd key"].x');
    expect(again({ ...data, note: 'new' })).toBe('events[0].data.note');
    expect(again({ ...data, note: undefined })).toBe(undefined);
  });

  it('compares the type and the number of events', () => {
    expect(appendDifference([recorded({})], [{ type: 'PurchaseRefunded', data: {} }])).toBe('events[0].type');
    expect(
      appendDifference(
        [recorded({})],
        [
          { type: 'PurchaseCompleted', data: {} },
          { type: 'PurchaseCompleted', data: {} },
        ],
      ),
    ).toBe('events');
  });

  it('compares the metadata that states the fact, and not the metadata of the request', () => {
    const first = recorded({}, { channel: 'web', customerId: 'c1', actor: 'agent-1', correlationId: 'r-1' });
    const again = (metadata: object) =>
      appendDifference([first], [{ type: 'PurchaseCompleted', data: {}, metadata }]);
    const same = { channel: 'web', customerId: 'c1' } as const;
    expect(again({ ...same, actor: 'agent-2', correlationId: 'r-2', causationId: 'x' })).toBe(undefined);
    expect(again({ ...same, channel: 'phone' })).toBe('events[0].metadata.channel');
    expect(again({ channel: 'web' })).toBe('events[0].metadata.customerId');
    expect(again({ ...same, source: 'import' })).toBe('events[0].metadata.source');
    // occurredAt is the store's default when not given, and compared as an instant when given
    expect(again({ ...same, occurredAt: '2026-03-02T11:00:00+01:00' })).toBe(undefined);
    expect(again({ ...same, occurredAt: new Date('2026-03-02T10:00:00Z') })).toBe(undefined);
    expect(again({ ...same, occurredAt: '2026-03-03T10:00:00Z' })).toBe('events[0].metadata.occurredAt');
  });

  it('compares data of two schema versions once both are lifted to one', () => {
    const first = recorded({ name: 'Ada Lovelace' }, { schemaVersion: 1 });
    const lift = (event: RecordedEvent): RecordedEvent =>
      event.metadata.schemaVersion === 1
        ? {
            ...event,
            data: { given: 'Ada', family: (event.data as { name: string }).name.split(' ')[1] },
            metadata: { ...event.metadata, schemaVersion: 2 },
          }
        : event;
    const again = (data: unknown) =>
      appendDifference([first], [{ type: 'PurchaseCompleted', data, schemaVersion: 2 }], lift);
    expect(again({ given: 'Ada', family: 'Lovelace' })).toBe(undefined);
    expect(again({ given: 'Ada', family: 'Byron' })).toBe('events[0].data.family');
  });
});
