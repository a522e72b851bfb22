// A process that runs the credit reactor and a dispatcher on PostgreSQL until it is killed: what
// `reactorCrash.test.ts` kills with SIGKILL at random moments. Arguments: the schema, and the file that records
// every message handed to the "sender" (one id per line, written before the send resolves).
import { appendFileSync } from 'node:fs';
import { createEffectDispatcher, createProjectionRunner } from '@rapport/projections';
import pg from 'pg';
import { createPostgresEventStore, createPostgresReadModelStore } from '../src/index';
import { creditReactor, creditRoute } from './creditReactor';
import { pgUrl } from './support';

const [schema, sentFile] = process.argv.slice(2) as [string, string];
const pool = new pg.Pool({ connectionString: pgUrl, max: 4 });
const eventStore = createPostgresEventStore({ pool, schema, registry: false });
const readModels = createPostgresReadModelStore({ pool, schema });
createProjectionRunner({
  projection: creditReactor,
  eventStore,
  readModels,
  batchSize: 7,
  tickIntervalMs: 0,
  retryDelayMs: 20,
}).start();
createEffectDispatcher({
  outbox: readModels.outbox,
  eventStore,
  commands: { Credit: creditRoute },
  send: async (message) => {
    appendFileSync(sentFile, `${message.id}\n`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  },
  batchSize: 5,
  concurrency: 2,
  leaseMs: 300,
  pollIntervalMs: 10,
  backoff: { initialMs: 10, maxMs: 50 },
}).start();
console.log('ready');
