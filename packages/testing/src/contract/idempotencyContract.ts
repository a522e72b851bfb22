import {
  createEventRegistry,
  defineEvent,
  type EventToAppend,
  isIdempotencyKeyReused,
  newEventId,
  personal,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ContractHarness,
  expectKeyReused,
  expectValidation,
  readAllWithPrefix,
  testRenamed,
  testRenamedFromV1,
} from './contractHelpers';

const note = z.strictObject({ n: z.number().int(), name: personal(z.string()).optional() });

/** Events with a personal field (a protecting store encrypts it) and one stored at an old schema version. */
const registry = createEventRegistry(
  [
    defineEvent({
      type: 'TestNoted',
      family: 'test',
      version: 1,
      description: 'a numbered note, optionally naming someone',
      schema: note,
    }),
    defineEvent({
      type: 'TestAmended',
      family: 'test',
      version: 1,
      description: 'a note amended',
      schema: note,
    }),
    testRenamed,
  ],
  { upcasters: [testRenamedFromV1] },
);

const noted = (n: number, metadata: EventToAppend['metadata'] = {}, name?: string): EventToAppend => ({
  type: 'TestNoted',
  data: name === undefined ? { n } : { n, name },
  metadata: { customerId: 'c-1', ...metadata },
});

/** An append repeating an idempotency key: the same events as first recorded, or other ones, refused whole. */
export const idempotencyContract = ({ withStore }: ContractHarness): void => {
  describe('idempotency keys', () => {
    const key = { idempotencyKey: 'order-42' };
    const firstAppend = [
      noted(1, { ...key, channel: 'web', actor: 'agent-1', correlationId: 'r-1' }, 'Grace Hopper'),
      noted(2),
    ];

    it('answer a repeated append with the events first recorded, whatever ids and request metadata it carries now', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}same`;
        const first = await store.appendToStream(stream, firstAppend);
        const [head, second] = firstAppend;
        const again = await store.appendToStream(
          stream,
          [
            {
              ...head!,
              id: newEventId(),
              metadata: { ...head!.metadata, actor: 'agent-2', correlationId: 'r-2' },
            },
            { ...second!, metadata: { ...second!.metadata, causationId: 'retry' } },
          ],
          { expectedRevision: 'no_stream' },
        );
        expect(again.duplicate).toBe(true);
        expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
        expect(again.events.map((e) => e.data)).toEqual([{ n: 1, name: 'Grace Hopper' }, { n: 2 }]);
        expect((await store.readStream(stream)).events).toHaveLength(2);
      }, registry));

    it('refuse a key repeated with other events, naming the key, the stream and what differs, and write nothing', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}other`;
        await store.appendToStream(stream, firstAppend);
        const [head, second] = firstAppend;
        const repeats: [readonly EventToAppend[], string][] = [
          [[{ ...head!, data: { n: 9, name: 'Grace Hopper' } }, second!], 'events[0].data.n'],
          [[{ ...head!, data: { n: 1, name: 'Grace B. Hopper' } }, second!], 'events[0].data.name'],
          [[{ ...head!, data: { n: 1 } }, second!], 'events[0].data.name'],
          [[head!, { ...second!, data: { n: 3 } }], 'events[1].data.n'],
          [[head!], 'events'],
          [[head!, second!, noted(3)], 'events'],
          [[{ ...head!, type: 'TestAmended' }, second!], 'events[0].type'],
          [
            [{ ...head!, metadata: { ...head!.metadata, channel: 'phone' } }, second!],
            'events[0].metadata.channel',
          ],
          [
            [{ ...head!, metadata: { ...head!.metadata, occurredAt: '2020-01-01T00:00:00Z' } }, second!],
            'events[0].metadata.occurredAt',
          ],
        ];
        for (const [events, difference] of repeats) {
          await expectKeyReused(store.appendToStream(stream, events), {
            idempotencyKey: 'order-42',
            streamId: stream,
            difference,
            firstRevision: '0',
            lastRevision: '1',
          });
        }
        // events are validated before their key is looked up: invalid ones are refused as any would be
        await expectValidation(
          store.appendToStream(stream, [{ ...head!, data: { n: 'one' } }, second!]),
          'events[0].data.n',
        );
        expect(await readAllWithPrefix(store, prefix)).toHaveLength(2);
      }, registry));

    it('hold per stream: the same key on another stream records a new append', () =>
      withStore(async (store, prefix) => {
        await store.appendToStream(`${prefix}a`, [noted(1, key)]);
        const other = await store.appendToStream(`${prefix}b`, [noted(2, key)]);
        expect(other.duplicate).toBe(false);
        expect(await readAllWithPrefix(store, prefix)).toHaveLength(2);
      }, registry));

    it('compare events stored at an old schema version once lifted to the current one', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}v`;
        const old = {
          type: 'TestRenamed',
          data: { name: 'Ada Lovelace' },
          metadata: { ...key, schemaVersion: 1 },
        };
        await store.appendToStream(stream, [old]);
        expect((await store.appendToStream(stream, [old])).duplicate).toBe(true);
        const lifted = { type: 'TestRenamed', data: { given: 'Ada', family: 'Lovelace' }, metadata: key };
        expect((await store.appendToStream(stream, [lifted])).duplicate).toBe(true);
        await expectKeyReused(
          store.appendToStream(stream, [{ ...lifted, data: { given: 'Ada', family: 'Byron' } }]),
          { idempotencyKey: 'order-42', streamId: stream, difference: 'events[0].data.family' },
        );
      }, registry));

    it('let one of many racing appends with a key win: each other one repeats it or is refused', () =>
      withStore(async (store, prefix) => {
        const stream = `${prefix}race`;
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.appendToStream(stream, [noted(i % 2, key)])),
        );
        const written = outcomes.flatMap((o) =>
          o.status === 'fulfilled' && !o.value.duplicate ? [o.value] : [],
        );
        expect(written).toHaveLength(1);
        const winner = (written[0]!.events[0]!.data as { n: number }).n;
        outcomes.forEach((outcome, i) => {
          if (i % 2 === winner) {
            expect(outcome.status === 'fulfilled' && outcome.value.events[0]!.id).toBe(
              written[0]!.events[0]!.id,
            );
          } else expect(outcome.status === 'rejected' && isIdempotencyKeyReused(outcome.reason)).toBe(true);
        });
        expect((await store.readStream(stream)).events).toHaveLength(1);
      }, registry));

    describe('in bulk', () => {
      it('answer a repeated append with its earlier result and write the other streams', () =>
        withStore(async (store, prefix) => {
          const [first] = await store.appendToStreams([{ streamId: `${prefix}k`, events: firstAppend }]);
          const [again, other] = await store.appendToStreams([
            { streamId: `${prefix}k`, events: firstAppend, expectedRevision: 'no_stream' },
            { streamId: `${prefix}n`, events: [noted(3)] },
          ]);
          expect(again).toEqual({ ...first, duplicate: true });
          expect(other?.duplicate).toBe(false);
          expect(await readAllWithPrefix(store, prefix)).toHaveLength(3);
        }, registry));

      it('refuse the whole call when one stream repeats its key with other events', () =>
        withStore(async (store, prefix) => {
          await store.appendToStream(`${prefix}k`, firstAppend);
          await store.appendToStream(`${prefix}same`, [noted(7, { idempotencyKey: 'same-1' })]);
          const [head, second] = firstAppend;
          await expectKeyReused(
            store.appendToStreams([
              { streamId: `${prefix}n1`, events: [noted(3)] },
              { streamId: `${prefix}same`, events: [noted(7, { idempotencyKey: 'same-1' })] },
              { streamId: `${prefix}k`, events: [head!, { ...second!, data: { n: 5 } }] },
              { streamId: `${prefix}n2`, events: [noted(4)], expectedRevision: 'no_stream' },
            ]),
            { idempotencyKey: 'order-42', streamId: `${prefix}k`, difference: 'events[1].data.n' },
          );
          expect(await readAllWithPrefix(store, prefix)).toHaveLength(3);
          expect((await store.readStream(`${prefix}n1`)).exists).toBe(false);
        }, registry));

      it('refuse the whole call when a stream repeats its key with events that are not valid', () =>
        withStore(async (store, prefix) => {
          await store.appendToStream(`${prefix}k`, [noted(1, key)]);
          await expectValidation(
            store.appendToStreams([
              { streamId: `${prefix}n`, events: [noted(2)] },
              { streamId: `${prefix}k`, events: [{ ...noted(1, key), data: { n: 'one' } }] },
            ]),
            'TestNoted.data.n',
          );
          expect(await readAllWithPrefix(store, prefix)).toHaveLength(1);
        }, registry));
    });
  });
};
