import { eventStoreContract } from '@rapport/testing/vitest';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock';
import { createInMemoryEventStore } from './inMemoryEventStore';

eventStoreContract('in-memory', {
  create: async ({ registry }) => {
    const store = createInMemoryEventStore({ registry });
    return { store, teardown: () => store.close() };
  },
});

describe('the in-memory store', () => {
  it('freezes recorded events deeply: the envelope, its metadata and every level of the data', async () => {
    const store = createInMemoryEventStore({ registry: false });
    const { events } = await store.appendToStream('s-1', [
      { type: 'TestHappened', data: { list: [{ n: 1 }] }, metadata: { occurredAt: '2026-01-01T00:00:00Z' } },
    ]);
    const [event] = events;
    const data = event!.data as { list: { n: number }[] };
    for (const part of [event, event!.metadata, data, data.list, data.list[0]])
      expect(Object.isFrozen(part)).toBe(true);
  });

  it('records what it validated, even from an event whose fields are getters that change their answer', async () => {
    const store = createInMemoryEventStore();
    const reads = { type: 0, id: 0 };
    const shifty = {
      get type() {
        return reads.type++ === 0 ? 'TagAdded' : 'NotInTheCatalog';
      },
      get id() {
        return reads.id++ === 0 ? '0190e4b8-7f3c-7a00-8000-000000000001' : 'not-a-uuid';
      },
      data: { tag: 'vip' },
    };
    const { events } = await store.appendToStream('customer-c1', [shifty as never]);
    expect(events[0]).toMatchObject({ type: 'TagAdded', id: '0190e4b8-7f3c-7a00-8000-000000000001' });
  });

  it('stamps recordedAt from its clock, the system clock or an injected one', async () => {
    const clock = createFakeClock('2026-05-01T10:00:00.000Z');
    const faked = createInMemoryEventStore({ clock });
    const first = await faked.appendToStream('customer-c1', [{ type: 'TagAdded', data: { tag: 'vip' } }]);
    clock.advance(1);
    const second = await faked.appendToStream('customer-c1', [{ type: 'TagAdded', data: { tag: 'b2b' } }]);
    expect(first.events[0]!.metadata.recordedAt).toBe('2026-05-01T10:00:00.000Z');
    expect(second.events[0]!.metadata.recordedAt).toBe('2026-05-01T10:00:00.001Z');

    const before = Date.now();
    const { events } = await createInMemoryEventStore().appendToStream('customer-c1', [
      { type: 'TagAdded', data: { tag: 'vip' } },
    ]);
    const recordedAt = Date.parse(events[0]!.metadata.recordedAt);
    expect(recordedAt).toBeGreaterThanOrEqual(before);
    expect(recordedAt).toBeLessThanOrEqual(Date.now());
  });
});
