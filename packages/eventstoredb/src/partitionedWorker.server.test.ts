import { createInMemoryReadModelStore, foldProjection } from '@rapport/projections';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from './createEventStoreDbEventStore';
import { createEventStoreDbPartitionedWorker } from './createEventStoreDbPartitionedWorker';
import { connectClient, createClientGateway } from './internal/client';
import { sequenceProjection } from './internal/partitioned/testSupport';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const skipped =
  'EventStoreDB partitioned worker SKIPPED: EVENTSTORE_CONNECTION_STRING is not set, so there is no server for a ' +
  'persistent subscription (start one with the Docker command in packages/eventstoredb/README.md)';

if (connectionString === undefined) console.warn(`\n⚠ ${skipped}\n`);

describe.skipIf(connectionString === undefined)(
  connectionString === undefined ? skipped : 'EventStoreDB partitioned worker on a real server',
  () => {
    const client = connectClient(connectionString ?? 'esdb://localhost:2113?tls=false');
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const group = `rapport-test-${run}`;
    afterAll(async () => {
      await createClientGateway(client, false).deletePersistentSubscriptionToAll(group);
      await client.dispose();
    });

    it('two workers on one pinned group end with the fold of the log, through a worker leaving', async () => {
      const store = createEventStoreDbEventStore({ client, registry: false });
      const head = await store.headPosition();
      const prefix = `pw${run}-`;
      const append = async (round: number) => {
        for (let c = 0; c < 12; c++) {
          await store.appendToStream(`${prefix}${c}`, [
            { type: 'Counted', data: { seq: round }, metadata: { customerId: `${prefix}${c}` } },
          ]);
        }
      };
      const readModels = createInMemoryReadModelStore();
      const options = {
        client,
        projection: sequenceProjection,
        readModels,
        registry: false as const,
        group,
        after: head,
        streamPrefixes: [prefix],
        batchSize: 10,
        messageTimeoutMs: 2_000,
      };
      const a = createEventStoreDbPartitionedWorker(options);
      const b = createEventStoreDbPartitionedWorker(options);
      await a.start();
      await b.start();
      for (let round = 1; round <= 3; round++) await append(round);
      await a.stop();
      for (let round = 4; round <= 5; round++) await append(round);
      const { events } = await store.readAll({ after: head, streamPrefix: prefix, maxCount: 10_000 });
      const expected = foldProjection(sequenceProjection, events).documents;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { documents } = await readModels.list('sequences_v1', { prefix, limit: 10_000 });
        const actual = new Map(documents.map(({ key, document }) => [key, document]));
        if (JSON.stringify([...actual].sort()) === JSON.stringify([...expected].sort())) break;
        if (Date.now() > deadline) expect(actual).toEqual(expected);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(b.status().state).toBe('running');
      await b.stop();
      await store.close();
    }, 60_000);
  },
);
