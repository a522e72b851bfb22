import {
  createCustomerService,
  createInMemoryKeyStore,
  createProtectedEventStore,
  customerStreamId,
  ERASED,
  type EventStore,
  forgetCustomer,
  type KeyStore,
  type ProtectedEventStore,
  type RecordedEvent,
} from '@rapport/core';
import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readAllWithPrefix, uniquePrefix } from '../contract/contractHelpers';
import { type ErasureHistory, graceHopper } from '../datasets/graceHopper';

/** One store to scan: the inner store the protected store writes to, and what else it can show of its storage. */
export interface ErasureTarget {
  /** The inner store, created with `registry: false`: the protected store validates the plaintext itself. */
  readonly store: EventStore;
  /** Where the customer keys live; default an in-memory key store. */
  readonly keyStore?: KeyStore;
  /** Everything the storage holds, as text (every row of every table); scanned as well as the inner store's events. */
  readonly dump?: () => Promise<string>;
  readonly teardown?: () => Promise<void>;
}

/** What the erasure contract needs from an adapter: a fresh inner store for each test. */
export interface ErasureContractOptions {
  readonly create: () => Promise<ErasureTarget>;
  /** Per-test timeout in ms; default 30 s. */
  readonly timeout?: number;
}

interface Recorded {
  readonly store: ProtectedEventStore;
  readonly target: ErasureTarget;
  readonly history: ErasureHistory;
  readonly streamId: string;
}

const json = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

const expectNone = (secrets: readonly string[], text: string, where: string) =>
  expect(
    secrets.filter((secret) => text.includes(secret)),
    `personal values readable in ${where}`,
  ).toEqual([]);

const rawEvents = async ({ target, streamId }: Recorded) => readAllWithPrefix(target.store, streamId, 100);

const readThrough = async ({ store, streamId }: Recorded) => {
  const stream = (await store.readStream(streamId)).events;
  const log = await readAllWithPrefix(store, streamId, 100);
  const live = await firstValueFrom(
    store.subscribeToAll({ streamPrefix: streamId }).pipe(take(stream.length), toArray()),
  );
  return { stream, log, live };
};

/** Records her whole history through a protected store over a fresh inner store. */
const record = async (target: ErasureTarget): Promise<Recorded> => {
  const store = createProtectedEventStore({
    store: target.store,
    keyStore: target.keyStore ?? createInMemoryKeyStore(),
    keyCacheMs: 0,
  });
  const history = graceHopper(`${uniquePrefix()}c13`);
  const customers = createCustomerService(store);
  for (const command of history.commands) await customers.execute(command);
  const streamId = customerStreamId(history.customerId);
  await store.appendToStream(
    streamId,
    history.events.map((event) => ({ ...event, metadata: { customerId: history.customerId } })),
  );
  return { store, target, history, streamId };
};

const forget = ({ store, history }: Recorded) =>
  forgetCustomer(
    { customers: createCustomerService(store), store },
    { customerId: history.customerId, reason: 'subject_request' },
  );

/**
 * The erasure scan: a customer with a distinctive value in every kind of personal field (registration, complaint,
 * ticket, custom attribute, tag, messages, calls, meetings, notes, reviews, surveys, loyalty…) is forgotten, and
 * then none of those values may be readable through the protected store or in the inner store's events (data and
 * metadata) or storage dump, while amounts, counts, severities and dates still read as recorded.
 *
 * @example
 * erasureContract('in-memory', { create: async () => ({ store: createInMemoryEventStore({ registry: false }) }) });
 */
export const erasureContract = (name: string, options: ErasureContractOptions): void => {
  const withRecorded = async (body: (recorded: Recorded) => Promise<void>) => {
    const target = await options.create();
    try {
      await body(await record(target));
    } finally {
      await target.teardown?.();
    }
  };

  describe(`erasure contract: ${name}`, { timeout: options.timeout ?? 30_000 }, () => {
    it('reads every personal value back before she is forgotten, yet none reaches the inner store in clear', () =>
      withRecorded(async (recorded) => {
        const { secrets } = recorded.history;
        const readable = json((await recorded.store.readStream(recorded.streamId)).events);
        expect(secrets.filter((secret) => !readable.includes(secret))).toEqual([]);
        expectNone(secrets, json(await rawEvents(recorded)), 'the inner store before erasure');
        if (recorded.target.dump)
          expectNone(secrets, await recorded.target.dump(), 'the storage before erasure');
      }));

    it('shows none of her personal values through the protected store once she is forgotten', () =>
      withRecorded(async (recorded) => {
        await forget(recorded);
        const { stream, log, live } = await readThrough(recorded);
        expect(stream.map((e) => e.id)).toEqual((await rawEvents(recorded)).map((e) => e.id));
        expect(stream.at(-1)?.type).toBe('CustomerForgotten');
        expectNone(recorded.history.secrets, json(stream), 'readStream');
        expectNone(recorded.history.secrets, json(log), 'readAll');
        expectNone(recorded.history.secrets, json(live), 'subscribeToAll');
      }));

    it("leaves none of her personal values in the inner store's events or storage once she is forgotten", () =>
      withRecorded(async (recorded) => {
        await forget(recorded);
        const events = await rawEvents(recorded);
        expectNone(recorded.history.secrets, json(events.map((e) => e.data)), 'the inner store (data)');
        expectNone(
          recorded.history.secrets,
          json(events.map((e) => e.metadata)),
          'the inner store (metadata)',
        );
        expectNone(recorded.history.secrets, json(events), 'the inner store');
        if (recorded.target.dump)
          expectNone(recorded.history.secrets, await recorded.target.dump(), 'the storage');
      }));

    it('still reads every non-personal fact as recorded: amounts, counts, severities, products and dates', () =>
      withRecorded(async (recorded) => {
        const before = (await recorded.store.readStream(recorded.streamId)).events;
        await forget(recorded);
        const after = (await recorded.store.readStream(recorded.streamId)).events;
        const envelope = ({ id, type, streamPosition, metadata }: RecordedEvent) => ({
          id,
          type,
          streamPosition,
          occurredAt: metadata.occurredAt,
          recordedAt: metadata.recordedAt,
        });
        expect(after.length).toBe(before.length + 1);
        expect(after.slice(0, before.length).map(envelope)).toEqual(before.map(envelope));
        for (const fact of recorded.history.afterErasure) {
          const event = after.find((e) => e.type === fact.type);
          expect(event?.data, `${fact.type} after erasure`).toMatchObject(fact.data);
        }
        const raw = json(await rawEvents(recorded));
        for (const fact of ['"total":4200', '"amount":1000', '"severity":"high"', '"durationSeconds":754'])
          expect(raw, 'the inner store still holds the non-personal facts').toContain(fact);
      }));

    it('never stores a personal value recorded after she is forgotten', () =>
      withRecorded(async (recorded) => {
        await forget(recorded);
        const late = 'Grace wrote again from 1 Navy Way';
        await recorded.store.appendToStream(recorded.streamId, [
          {
            type: 'NoteAdded',
            data: { noteId: 'n-late', body: late },
            metadata: { customerId: recorded.history.customerId },
          },
        ]);
        expectNone([late], json(await rawEvents(recorded)), 'the inner store');
        const { events } = await recorded.store.readStream(recorded.streamId);
        expect(events.at(-1)?.data).toEqual({ noteId: 'n-late', body: ERASED });
      }));
  });
};
