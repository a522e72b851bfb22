import { createEventRegistry, touchpointRegistry } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import {
  type ContractHarness,
  expectConflict,
  expectValidation,
  readAllWithPrefix,
  testEvent,
  testRenamed,
  testRenamedFromV1,
} from './contractHelpers';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Appends: revisions, conflicts that write nothing, atomic batches, idempotency, validation, bulk appends. */
export const appendContract = ({ withStore, options }: ContractHarness): void => {
  describe('appending', () => {
    it('records events with a full envelope and consecutive stream positions', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}a`;
        const result = await store.appendToStream(
          stream,
          [
            {
              ...testEvent(1),
              metadata: {
                occurredAt: '2024-02-29T12:00:00+01:00',
                channel: 'web',
                actor: 'agent-7',
                correlationId: 'c-1',
              },
            },
            testEvent(2),
          ],
          { expectedRevision: 'no_stream' },
        );
        expect(result.nextExpectedRevision).toBe(1n);
        expect(result.duplicate).toBe(false);
        expect(result.events.map((e) => e.streamPosition)).toEqual([0n, 1n]);
        const [first, second] = result.events;
        expect(first!.id).toMatch(UUID_V7);
        expect(first!.globalPosition < second!.globalPosition).toBe(true);
        expect(result.lastGlobalPosition).toBe(second!.globalPosition);
        expect(first!.metadata).toMatchObject({
          occurredAt: '2024-02-29T11:00:00.000Z',
          channel: 'web',
          actor: 'agent-7',
          correlationId: 'c-1',
          schemaVersion: 1,
        });
        expect(typeof first!.metadata.tenantId).toBe('string');
        expect(second!.metadata.occurredAt).toBe(second!.metadata.recordedAt);
        const read = await store.readStream(stream);
        expect(read.events).toEqual(result.events);
      }));

    it('checks every kind of expected revision', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}rev`;
        await expectConflict(
          store.appendToStream(stream, [testEvent(0)], { expectedRevision: 'stream_exists' }),
        );
        await expectConflict(store.appendToStream(stream, [testEvent(0)], { expectedRevision: 0n }));
        await store.appendToStream(stream, [testEvent(1)], { expectedRevision: 'no_stream' });
        await expectConflict(store.appendToStream(stream, [testEvent(2)], { expectedRevision: 'no_stream' }));
        await store.appendToStream(stream, [testEvent(2)], { expectedRevision: 'stream_exists' });
        await store.appendToStream(stream, [testEvent(3)], { expectedRevision: 1n });
        await store.appendToStream(stream, [testEvent(4)], { expectedRevision: 'any' });
        await store.appendToStream(stream, [testEvent(5)]);
        const read = await store.readStream(stream);
        expect(read.revision).toBe(4n);
        expect(read.events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
      }));

    it('writes nothing when the expected revision is stale', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}stale`;
        await store.appendToStream(stream, [testEvent(1), testEvent(2)]);
        await expectConflict(
          store.appendToStream(stream, [testEvent(3), testEvent(4)], { expectedRevision: 0n }),
        );
        const read = await store.readStream(stream);
        expect(read.events).toHaveLength(2);
        expect(await readAllWithPrefix(store, prefix)).toHaveLength(2);
      }));

    it('lets exactly one of many concurrent appends at the same revision win', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}race`;
        await store.appendToStream(stream, [testEvent(0)]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.appendToStream(stream, [testEvent(i + 1)], { expectedRevision: 0n }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') await expectConflict(Promise.reject(o.reason));
        expect((await store.readStream(stream)).events).toHaveLength(2);
      }));

    it('rejects a batch with one bad event and writes none of it', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}bad`;
        await expectValidation(
          store.appendToStream(stream, [
            { type: 'TagAdded', data: { tag: 'vip' } },
            {
              type: 'PurchaseCompleted',
              data: { orderId: 'o-1', lines: [], total: 12.5, currency: 'USD', paymentMethod: 'card' },
            },
          ]),
          'events[1].data.total',
        );
        await expectValidation(
          store.appendToStream(stream, [{ type: 'NoSuchEvent', data: {} }]),
          'NoSuchEvent',
        );
        await expectValidation(
          store.appendToStream(stream, [
            { type: 'TagAdded', data: { tag: 'x' }, metadata: { channel: 'pigeon' as never } },
          ]),
          'metadata.channel',
        );
        await expectValidation(store.appendToStream(stream, []), 'events');
        expect((await store.readStream(stream)).exists).toBe(false);
      }, touchpointRegistry));

    it('refuses an event dated further ahead of its recording than the tolerance, and writes none of the batch', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}ahead`;
        // the store's own clock (a fake one, in some suites) is read off an event it records
        const probe = await store.appendToStream(`${prefix}clock`, [testEvent(0)]);
        const now = Date.parse(probe.events[0]!.metadata.recordedAt);
        const at = (ms: number) => ({ occurredAt: new Date(now + ms).toISOString() });
        await expectValidation(
          store.appendToStream(stream, [
            { ...testEvent(1), metadata: at(0) },
            { ...testEvent(2), metadata: at(36 * 3600_000) },
          ]),
          'events[1].metadata.occurredAt: must not lead the time it is recorded',
        );
        await expectValidation(
          store.appendToStreams([{ streamId: stream, events: [{ ...testEvent(3), metadata: at(600_000) }] }]),
          'futureToleranceMs',
        );
        expect((await store.readStream(stream)).exists).toBe(false);
        // clock skew of a minute is within the default five
        const { events } = await store.appendToStream(stream, [{ ...testEvent(4), metadata: at(60_000) }]);
        expect(events[0]!.metadata.occurredAt > events[0]!.metadata.recordedAt).toBe(true);
      }));

    it('records an idempotent append once, even when repeated concurrently', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}idem`;
        const keyed = { ...testEvent(1), metadata: { idempotencyKey: 'order-42' } };
        const first = await store.appendToStream(stream, [keyed]);
        const again = await store.appendToStream(stream, [keyed], { expectedRevision: 'no_stream' });
        expect(again.duplicate).toBe(true);
        expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
        const racing = await Promise.all(
          Array.from({ length: 6 }, () =>
            store.appendToStream(stream, [{ ...testEvent(2), metadata: { idempotencyKey: 'k-2' } }]),
          ),
        );
        expect(racing.filter((r) => !r.duplicate)).toHaveLength(1);
        expect((await store.readStream(stream)).events).toHaveLength(2);
      }));

    it('records a caller-supplied event id in lower case, and refuses it twice where ids are unique', () =>
      withStore(async (store, prefix) => {
        const id = '0190F3A2-7B1C-7D3E-8F4A-123456789ABC';
        const first = await store.appendToStream(`${prefix}ids`, [{ ...testEvent(1), id }]);
        expect(first.events[0]!.id).toBe(id.toLowerCase());
        if (options.uniqueEventIds === false) return;
        await expectValidation(
          store.appendToStream(`${prefix}other`, [{ ...testEvent(2), id: id.toLowerCase() }]),
          'id',
        );
        expect(await readAllWithPrefix(store, prefix)).toHaveLength(1);
      }));

    it('keeps the data it was given, immune to later mutation by the caller', () =>
      withStore(async (store, prefix) => {
        const data = { n: 1, nested: { list: [1, 2] } };
        await store.appendToStream(`${prefix}m`, [{ type: 'TestHappened', data }]);
        data.nested.list.push(3);
        expect((await store.readStream(`${prefix}m`)).events[0]!.data).toEqual({
          n: 1,
          nested: { list: [1, 2] },
        });
      }));

    it('lifts events stored at an old schema version on read', async () => {
      const registry = createEventRegistry([testRenamed], { upcasters: [testRenamedFromV1] });
      await withStore(async (store, prefix) => {
        await store.appendToStream(`${prefix}u`, [
          { type: 'TestRenamed', data: { name: 'Ada Lovelace' }, metadata: { schemaVersion: 1 } },
        ]);
        await store.appendToStream(`${prefix}u`, [
          { type: 'TestRenamed', data: { given: 'Grace', family: 'Hopper' } },
        ]);
        const read = await store.readStream(`${prefix}u`);
        expect(read.events.map((e) => e.data)).toEqual([
          { given: 'Ada', family: 'Lovelace' },
          { given: 'Grace', family: 'Hopper' },
        ]);
        expect(read.events.map((e) => e.metadata.schemaVersion)).toEqual([2, 2]);
        expect((await readAllWithPrefix(store, prefix)).map((e) => e.data)).toEqual(
          read.events.map((e) => e.data),
        );
      }, registry);
    });

    describe('in bulk', () => {
      it('appends to many streams in one call', () =>
        withStore(async (store, prefix) => {
          const results = await store.appendToStreams([
            { streamId: `${prefix}b1`, events: [testEvent(1), testEvent(2)], expectedRevision: 'no_stream' },
            { streamId: `${prefix}b2`, events: [testEvent(3)] },
          ]);
          expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n]);
          expect(
            (await readAllWithPrefix(store, prefix)).map((e) => (e.data as { n: number }).n).sort(),
          ).toEqual([1, 2, 3]);
        }));

      it.skipIf(options.atomicMultiStreamAppend === false)(
        'writes nothing when one stream of the batch conflicts',
        () =>
          withStore(async (store, prefix) => {
            await store.appendToStream(`${prefix}b2`, [testEvent(0)]);
            await expectConflict(
              store.appendToStreams([
                { streamId: `${prefix}b1`, events: [testEvent(1)], expectedRevision: 'no_stream' },
                { streamId: `${prefix}b2`, events: [testEvent(2)], expectedRevision: 'no_stream' },
              ]),
            );
            expect((await store.readStream(`${prefix}b1`)).exists).toBe(false);
            expect(await readAllWithPrefix(store, prefix)).toHaveLength(1);
          }),
      );

      it('rejects a stream named twice in one call', () =>
        withStore(async (store, prefix) => {
          await expectValidation(
            store.appendToStreams([
              { streamId: `${prefix}d`, events: [testEvent(1)] },
              { streamId: `${prefix}d`, events: [testEvent(2)] },
            ]),
            'streamId',
          );
          expect(await readAllWithPrefix(store, prefix)).toHaveLength(0);
        }));
    });
  });
};
