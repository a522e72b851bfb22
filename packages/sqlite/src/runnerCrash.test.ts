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
    // killed five times at random moments, each time after a few commits of its own
    for (let round = 0; round < 5; round++) {
      const child = startRunner(file);
      await progressed(child, 3);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
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
