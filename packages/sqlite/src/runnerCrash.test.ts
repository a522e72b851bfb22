import { collectionName, createProjectionRunner } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { exited, progressed, startRunner } from '../test/children';
import { counting } from '../test/counting';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore, createSqliteReadModelStore } from './index';

const streams = 3;
const perStream = 2_000;

describe('a runner process killed with SIGKILL', { timeout: 60_000 }, () => {
  it('resumes from its checkpoint with nothing lost and nothing applied twice', async () => {
    const file = tempFile();
    const eventStore = createSqliteEventStore({ file, registry: false });
    for (let from = 0; from < perStream; from += 500) {
      await eventStore.appendToStreams(
        Array.from({ length: streams }, (_, s) => ({
          streamId: `s-${s}`,
          events: Array.from({ length: 500 }, (_, i) => ({ type: 'Counted', data: { n: from + i } })),
        })),
      );
    }
    const head = await eventStore.headPosition();
    const readModels = createSqliteReadModelStore({ file });
    const collection = collectionName(counting.name, counting.version);
    // killed five times at random moments, each after 3 to 8 commits of its own: counted in commits, not in
    // milliseconds, so a fast machine cannot finish the log before the last kill (the kill lands while the child
    // is in its next batch, wherever the pipe's latency puts it)
    for (let round = 0; round < 5; round++) {
      const child = startRunner(file);
      await progressed(child, 3 + Math.floor(Math.random() * 6));
      child.kill('SIGKILL');
      await exited(child);
    }
    const checkpoint = await readModels.readCheckpoint(collection);
    expect(checkpoint!.position > 0n && checkpoint!.position < head).toBe(true);
    const runner = createProjectionRunner({
      projection: counting,
      eventStore,
      readModels,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(head);
    await runner.stop();
    const sum = (perStream * (perStream - 1)) / 2;
    for (let s = 0; s < streams; s++) {
      expect(await readModels.get(collection, `s-${s}`)).toEqual({ count: perStream, sum });
    }
    await readModels.close();
    await eventStore.close();
  });
});
