import { createFakeClock, isRapportError } from '@rapport/core';
import { createProjectionRunner, foldProjection } from '@rapport/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingProjection } from '../scripts/countingProjection';
import { connect, createTestStore, pgUrl, type TestStore } from '../test/support';
import { createPartitionWorker, createPostgresReadModelStore, type PartitionWorker } from './index';

let test: TestStore;
let readModels: ReturnType<typeof createPostgresReadModelStore>;
beforeAll(async () => {
  test = await createTestStore('worker');
  readModels = createPostgresReadModelStore({ connectionString: pgUrl, schema: test.schema });
});
afterAll(async () => {
  await readModels.close();
  await test.teardown();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (const deadline = Date.now() + 20_000; !(await check()); await sleep(25))
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
};
const append = async (from: number, count: number) => {
  for (let i = from; i < from + count; i++) {
    await test.store.appendToStream(`customer-${i % 17}`, [
      {
        type: 'Counted',
        data: { seq: Math.floor(i / 17) + 1 },
        metadata: {
          customerId: `c${i % 17}`,
          occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 600_000).toISOString(),
        },
      },
    ]);
  }
};
const caughtUp = async (workers: readonly PartitionWorker[], version: number) => {
  const head = await test.store.headPosition();
  const statuses = workers.flatMap((worker) => [...worker.statuses().values()]);
  return statuses.length === 4 && statuses.every((s) => s.position >= head && s.version === version);
};
const matchesFold = async (version: number) => {
  const events = (await test.store.readAll({ maxCount: 10_000 })).events;
  const { documents } = await readModels.list(`counted_v${version}`);
  expect(Object.fromEntries(documents.map((d) => [d.key, d.document]))).toEqual(
    Object.fromEntries(foldProjection(countingProjection(version), events).documents),
  );
};

describe('partition workers in one process', () => {
  it('share the partitions, and one stopping hands its share to the others', async () => {
    await append(0, 120);
    const open = () =>
      createPartitionWorker({
        projection: countingProjection(1),
        eventStore: test.store,
        readModels,
        partitions: 4,
        rebalanceIntervalMs: 50,
        runner: { batchSize: 25, tickIntervalMs: 0, clock: createFakeClock('1970-01-01T00:00:00Z') },
      });
    const [first, second] = [open(), open()];
    await first.start();
    expect(first.owned()).toEqual([0, 1, 2, 3]);
    await second.start();
    await until(() => first.owned().length === 2 && second.owned().length === 2, 'an even split');
    expect([...first.owned(), ...second.owned()].sort()).toEqual([0, 1, 2, 3]);
    await until(() => caughtUp([first, second], 1), 'both to catch up');
    await matchesFold(1);

    await first.stop();
    await until(() => second.owned().length === 4, 'the survivor to take every partition');
    await append(120, 40);
    await until(() => caughtUp([second], 1), 'the survivor to catch up');
    await second.stop();
    expect(second.owned()).toEqual([]);
    await matchesFold(1);
    expect(await readModels.activeVersion('counted')).toBe(1);
  });

  it('stops its partitions when its lock connection is cut, then takes them back and goes on', async () => {
    const errors: unknown[] = [];
    const worker = createPartitionWorker({
      projection: countingProjection(3),
      eventStore: test.store,
      readModels,
      partitions: 2,
      rebalanceIntervalMs: 50,
      runner: { batchSize: 25, tickIntervalMs: 0, clock: createFakeClock('1970-01-01T00:00:00Z') },
      onError: (error) => errors.push(error),
    });
    await worker.start();
    expect(worker.owned()).toEqual([0, 1]);
    const lockKey = `rapport/${test.schema}/default\u001fcounted_v3/2/partition/0`;
    const holder = async (terminate = false) => {
      const client = await connect();
      try {
        const { rows } = await client.query<{ pid: number }>(
          `SELECT l.pid, CASE WHEN $2 THEN pg_terminate_backend(l.pid) END
           FROM pg_locks l, (SELECT hashtextextended($1, 0) AS k) x
           WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
             AND l.classid::bigint = (x.k >> 32) & 4294967295 AND l.objid::bigint = x.k & 4294967295`,
          [lockKey, terminate],
        );
        return rows[0]?.pid;
      } finally {
        await client.end();
      }
    };
    // the backend holding this worker's partition locks ends, as in a network failure or a database failover
    const before = await holder(true);
    expect(before).toBeDefined();
    await until(() => errors.length > 0, 'the worker to notice');
    await append(160, 30);
    await until(async () => ((await holder()) ?? before) !== before, 'the partition locks to be taken again');
    expect(worker.owned()).toEqual([0, 1]);
    const head = await test.store.headPosition();
    await until(
      () => [...worker.statuses().values()].every((s) => s.position >= head),
      'the worker to catch up',
    );
    await worker.stop();
    await matchesFold(3);
  });

  it('refuses a collection checkpointed as a whole or in another number of partitions', async () => {
    const runner = createProjectionRunner({
      projection: countingProjection(2),
      eventStore: test.store,
      readModels,
      tickIntervalMs: 0,
      clock: createFakeClock('1970-01-01T00:00:00Z'),
    });
    runner.start();
    await runner.waitForPosition(await test.store.headPosition());
    await runner.stop();
    const worker = (version: number, partitions: number) =>
      createPartitionWorker({
        projection: countingProjection(version),
        eventStore: test.store,
        readModels,
        partitions,
      });
    await expect(worker(2, 4).start()).rejects.toThrow(/checkpointed as a whole, not in 4/);
    await expect(worker(1, 3).start()).rejects.toSatisfy(
      (e) => isRapportError(e, 'Configuration') && /in 4 partitions, not in 3/.test((e as Error).message),
    );
    expect(() => worker(1, 0)).toThrow(/from 1 to 1024/);
    expect(() =>
      createPartitionWorker({
        projection: countingProjection(1),
        eventStore: test.store,
        readModels: {} as never,
        partitions: 2,
      }),
    ).toThrow(/createPostgresReadModelStore/);
  });
});
