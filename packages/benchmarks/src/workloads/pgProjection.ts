import { getPostgreSQLEventStore, postgreSQLEventStoreConsumer } from '@event-driven-io/emmett-postgresql';
import type { EventToAppend } from '@rapport/core';
import { createPostgresEventStore, createPostgresReadModelStore } from '@rapport/postgres';
import { profileProjection } from '@rapport/profiles';
import { collectionName, createProjectionRunner } from '@rapport/projections';
import { emmettProfileProjection } from '../data/emmettProfile';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { withSchema, withSearchPath } from '../harness/postgres';
import { median, perSecond, timeMs } from '../harness/stats';
import type { Workload } from '../harness/types';

/** Workload 6: the profile projection from the start of a PostgreSQL log into PostgreSQL read models, with checkpoints. */
export const pgProjection: Workload = {
  name: 'pg-projection',
  title: 'PostgreSQL projection throughput',
  run: async (context) => {
    const customers = context.size(5_000, 200);
    const eventsPerCustomer = 10;
    const peerCustomers = context.size(500, 50);
    const measured = await withSchema(context.pgUrl, 'projection', async (schema, pool) => {
      const store = createPostgresEventStore({ pool, schema });
      const count = await loadStore(store, generateHistory({ customers, eventsPerCustomer }));
      const head = await store.headPosition();
      const readModels = createPostgresReadModelStore({ pool, schema });
      const rapport: number[] = [];
      const collection = collectionName(profileProjection.name, profileProjection.version);
      for (let run = 0; run < Math.min(3, context.runs); run++) {
        await readModels.dropCollection(collection);
        const runner = createProjectionRunner({
          projection: profileProjection,
          eventStore: store,
          readModels,
          tickIntervalMs: 0,
        });
        rapport.push(
          perSecond(
            count,
            await timeMs(async () => {
              runner.start();
              await runner.waitForPosition(head);
            }),
          ),
        );
        await runner.stop();
        const built = await readModels.list(collection, { limit: customers + 1 });
        if (built.documents.length !== customers)
          throw new Error(`Rapport built ${built.documents.length} profiles`);
      }
      await store.close();

      // Emmett: the same events (of fewer customers: it is slower) in its own schema, its consumer from the start
      const emmettSchema = `${schema}_emmett`;
      await pool.query(`CREATE SCHEMA ${emmettSchema}`);
      const url = withSearchPath(context.pgUrl, emmettSchema);
      const emmett = getPostgreSQLEventStore(url);
      const byStream = new Map<string, EventToAppend[]>();
      let peerCount = 0;
      for (const { streamId, event } of generateHistory({ customers: peerCustomers, eventsPerCustomer })) {
        byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
        peerCount++;
      }
      for (const [streamId, events] of byStream) await emmett.appendToStream(streamId, events as never[]);
      await emmett.close();
      const consumer = postgreSQLEventStoreConsumer({
        connectionString: url,
        stopWhen: { noMessagesLeft: true },
        pulling: { batchSize: 1_000 },
      });
      consumer.projector({ projection: emmettProfileProjection, startFrom: 'BEGINNING' });
      const peer = perSecond(peerCount, await timeMs(() => consumer.start()));
      await consumer.close();
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${emmettSchema}.profiles`);
      if (rows[0].n !== peerCustomers)
        throw new Error(`Emmett built ${rows[0].n} profiles of ${peerCustomers}`);
      await pool.query(`DROP SCHEMA ${emmettSchema} CASCADE`);
      return { count, rapport: median(rapport), peer, peerCount };
    });
    return [
      {
        id: 'pg-projection',
        label: `profile projection from the start of the log: ${measured.count.toLocaleString('en')} events of ${customers.toLocaleString('en')} customers (Emmett: ${measured.peerCount.toLocaleString('en')})`,
        unit: 'events/s',
        better: 'higher',
        rapport: measured.rapport,
        peer: measured.peer,
        targets: [{ kind: 'ratioPeer', atLeast: 10 }],
        limit:
          "Rapport's runner reads pages of 2,000 events, folds them in memory and commits each batch's documents, timers and checkpoint in one database call; Emmett's Pongo projection reads and writes each customer's document once per event.",
        notes:
          'Emmett runs with pulled batches of 1,000 (its default is 100) and its profile drops timer requests.',
      },
    ];
  },
};
