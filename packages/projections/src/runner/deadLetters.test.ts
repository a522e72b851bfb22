import { describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { tallyProjection } from '../test/fixtures';
import { appendAll, minute, openStore } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';

const history = [
  { type: 'Touched', key: 'a', at: minute(1), data: { n: 1 } },
  { type: 'Boom', key: 'a', at: minute(2) },
  { type: 'Touched', key: 'a', at: minute(3), data: { n: 2 } },
];

describe('an event whose handling throws', () => {
  it("is recorded as a dead letter and stops the projection under 'stop', with the status saying why", async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    const recorded = await appendAll(store, history);
    const open = () =>
      createProjectionRunner({
        projection: tallyProjection(),
        eventStore: store,
        readModels,
        tickIntervalMs: 0,
      });
    // #region stop
    const runner = open();
    runner.start();
    await expect(runner.waitForPosition(3n)).rejects.toThrow(/failed at position 1/);
    const status = runner.status();
    expect(status.state).toBe('failed');
    expect(status.position).toBe(1n);
    expect(status.failure).toMatchObject({
      projection: 'tally',
      version: 1,
      position: 2n,
      eventId: recorded[1]!.id,
      eventType: 'Boom',
      key: 'a',
      policy: 'stop',
      error: { message: 'boom at 2', stack: expect.stringContaining('boom at 2') },
    });
    expect(await readModels.get('tally_v1', 'a')).toMatchObject({ count: 1, sum: 1 });
    // #endregion stop
    expect(await readModels.readCheckpoint('tally_v1')).toMatchObject({ position: 1n });

    const again = open();
    again.start();
    await expect(again.waitForPosition(3n)).rejects.toThrow();
    const letters = await readModels.listDeadLetters('tally_v1');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      position: 2n,
      eventId: recorded[1]!.id,
      recordedAt: expect.any(String),
    });
  });

  it("is recorded as a dead letter and passed over under 'skip', the rest applied", async () => {
    const store = openStore();
    const readModels = createInMemoryReadModelStore();
    const recorded = await appendAll(store, history);
    const runner = createProjectionRunner({
      projection: tallyProjection({ failurePolicy: 'skip' }),
      eventStore: store,
      readModels,
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(3n);
    await runner.stop();
    expect(runner.status()).toMatchObject({ state: 'stopped', failure: undefined, position: 3n });
    expect(await readModels.get('tally_v1', 'a')).toMatchObject({ count: 2, sum: 3 });
    expect(await readModels.listDeadLetters('tally_v1')).toEqual([
      expect.objectContaining({ position: 2n, eventId: recorded[1]!.id, policy: 'skip' }),
    ]);
  });
});
