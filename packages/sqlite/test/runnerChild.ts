// A process running the counting projection on a SQLite file until it is killed: what `runnerCrash.test.ts` kills
// with SIGKILL between and inside commits. Argument: the file. Prints "progress" after every commit.
import { createProjectionRunner } from '@rapport/projections';
import { createSqliteEventStore, createSqliteReadModelStore } from '../src/index';
import { counting } from './counting';

const [file] = process.argv.slice(2) as [string];
const runner = createProjectionRunner({
  projection: counting,
  eventStore: createSqliteEventStore({ file, registry: false }),
  readModels: createSqliteReadModelStore({ file }),
  batchSize: 40,
  tickIntervalMs: 0,
});
runner.progress$.subscribe(() => process.stdout.write('progress\n'));
runner.start();
