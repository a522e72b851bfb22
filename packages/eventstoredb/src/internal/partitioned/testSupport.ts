import type { EventStore, RecordedEvent } from '@rapport/core';
import {
  createInMemoryReadModelStore,
  defineProjection,
  foldProjection,
  type Json,
  type ReadModelStore,
} from '@rapport/projections';
import { createPartitionedWorkerOnGateway } from '../../createEventStoreDbPartitionedWorker';
import type { EventStoreDbPartitionedWorkerOptions } from '../../partitionedWorkerOptions';
import type { FakeGateway } from '../fakeGateway';
import { createFakeStore } from '../fakeStore';

/** Per customer: every sequence number in the order applied, so a duplicate or a reordering shows in the document. */
export const sequenceProjection = defineProjection<{ seqs: number[]; merged: string[] }>({
  name: 'sequences',
  version: 1,
  handles: ['Counted', 'Merged'],
  related: (event) => (event.type === 'Merged' ? [(event.data as { from: string }).from] : []),
  init: () => ({ seqs: [], merged: [] }),
  evolve: (state, event, ctx) => {
    if (event.type === 'Merged') {
      const from = (event.data as { from: string }).from;
      const absorbed = ctx.related<{ seqs: number[]; merged: string[] }>(from);
      ctx.absorb(from);
      return { seqs: [...state.seqs, ...(absorbed?.seqs ?? [])], merged: [...state.merged, from] };
    }
    return { ...state, seqs: [...state.seqs, (event.data as { seq: number }).seq] };
  },
});

/** A fake server, its store and a shared in-memory read model, plus helpers to drive and check them. */
export const createScene = () => {
  const { store, gateway } = createFakeStore({ systemNoise: true });
  const readModels = createInMemoryReadModelStore({ freeze: true });
  const sequence = new Map<string, number>();
  const append = async (customer: string, type = 'Counted') => {
    const seq = (sequence.get(customer) ?? 0) + 1;
    sequence.set(customer, seq);
    await store.appendToStream(`customer-${customer}`, [
      { type, data: { seq }, metadata: { customerId: customer } },
    ]);
  };
  const worker = (
    overrides: Partial<EventStoreDbPartitionedWorkerOptions<unknown>> = {},
    models: ReadModelStore = readModels,
  ) =>
    createPartitionedWorkerOnGateway(
      gateway,
      {
        projection: sequenceProjection,
        readModels: models,
        registry: false,
        batchSize: 5,
        bufferSize: 8,
        subscriptionRetry: { maxRetries: 50, initialDelayMs: 1, maxDelayMs: 5 },
        ...(overrides.filterEventTypes === true ? {} : { streamPrefixes: ['customer-'] }),
        ...overrides,
      } as EventStoreDbPartitionedWorkerOptions<unknown>,
      false,
    );
  return { store, gateway, readModels, append, worker };
};

/** Resolves once the group has dispatched the whole log and every message was acked (or parked). */
export const quiescent = async (gateway: FakeGateway, group = 'rapport-sequences_v1', timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = gateway.persistent.groups.get(group);
    if (
      state !== undefined &&
      state.cursor === gateway.log.length &&
      state.inFlight.size === 0 &&
      state.retry.length === 0
    )
      return state;
    if (Date.now() > deadline) throw new Error(`group ${group} did not settle`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** The documents (ledger entries left out) and the fold of the whole log, to compare. */
export const compare = async (store: EventStore, readModels: ReadModelStore) => {
  const { documents } = await readModels.list('sequences_v1', { limit: 100_000 });
  const actual = new Map<string, Json>(
    documents
      .filter(({ key }) => !key.startsWith('$esdb-applied:'))
      .map(({ key, document }) => [key, document]),
  );
  const { events } = await store.readAll({ maxCount: 100_000 });
  const expected = foldProjection(sequenceProjection, events as RecordedEvent[]).documents;
  return { actual, expected: new Map([...expected].map(([key, state]) => [key, state as unknown as Json])) };
};

/** A read-model store whose commits wait while paused, to hold messages in flight. */
export const gated = (readModels: ReadModelStore) => {
  let gate: Promise<void> | undefined;
  let open = () => {};
  return {
    models: {
      ...readModels,
      commit: async (c) => {
        await gate;
        return readModels.commit(c);
      },
    } as ReadModelStore,
    pause: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    resume: () => {
      gate = undefined;
      open();
    },
  };
};
