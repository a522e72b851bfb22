import {
  createPostgresEventStore,
  createPostgresReadModelStore,
  type PostgresReadModelStore,
} from '@rapport/postgres';
import { profileProjection } from '@rapport/profiles';
import { type AnyProjection, collectionName, createProjectionRunner } from '@rapport/projections';
import { earnReactor } from '../data/earnReactor';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { withSchema } from '../harness/postgres';
import { median, perSecond, timeMs } from '../harness/stats';
import type { Workload } from '../harness/types';
import { reactorFigures } from './reactorFigures';

/**
 * The reactor workload on PostgreSQL: the profile fold as a reactor emitting one command per purchase, from the start
 * of a PostgreSQL log into PostgreSQL read models and outbox, first with every effect new, then replayed by a new
 * version (every effect already there), against the plain profile projection on the same log.
 */
export const reactorPostgres: Workload = {
  name: 'reactor-pg',
  title: 'Reactor throughput on PostgreSQL (one command per purchase)',
  run: async (context) => {
    const customers = context.size(5_000, 200);
    const measured = await withSchema(context.pgUrl, 'reactor', async (schema, pool) => {
      const store = createPostgresEventStore({ pool, schema });
      const count = await loadStore(store, generateHistory({ customers, eventsPerCustomer: 10 }));
      const head = await store.headPosition();
      const readModels: PostgresReadModelStore = createPostgresReadModelStore({ pool, schema });
      const rate = async <TState>(projection: AnyProjection<TState>) => {
        await readModels.dropCollection(collectionName(projection.name, projection.version));
        const runner = createProjectionRunner({
          projection,
          eventStore: store,
          readModels,
          tickIntervalMs: 0,
        });
        const ms = await timeMs(async () => {
          runner.start();
          await runner.waitForPosition(head);
        });
        await runner.stop();
        return perSecond(count, ms);
      };
      const samples = { plain: [] as number[], emit: [] as number[], replay: [] as number[] };
      let version = 1;
      for (let run = 0; run < Math.min(3, context.runs); run++) {
        samples.plain.push(await rate(profileProjection));
        await pool.query(`TRUNCATE ${schema}.outbox`);
        samples.emit.push(await rate(earnReactor(version++)));
        samples.replay.push(await rate(earnReactor(version++)));
      }
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.outbox`);
      await store.close();
      return {
        count,
        effects: rows[0].n as number,
        plain: median(samples.plain),
        emit: median(samples.emit),
        replay: median(samples.replay),
      };
    });
    const label = `${measured.count.toLocaleString('en')} events of ${customers.toLocaleString('en')} customers, ${measured.effects.toLocaleString('en')} purchases`;
    return reactorFigures(
      'reactor-pg',
      label,
      measured,
      {
        emit: "Each batch's effects travel with its documents in the commit's one database call and are inserted into the outbox.",
        replay: 'The effects are derived again, sent with the commit and dropped by the outbox primary key.',
      },
      'Wall-clock time',
    );
  },
};
