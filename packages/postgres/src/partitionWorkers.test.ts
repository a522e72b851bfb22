import type { EventStore, EventToAppend } from '@rapport/core';
import { foldProjection } from '@rapport/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingProjection } from '../scripts/countingProjection';
import { type ForkedWorker, forkWorker } from '../scripts/forkWorker';
import { connect, createTestStore, pgUrl, type TestStore } from '../test/support';
import { createPostgresReadModelStore, partitionOf } from './index';

const PARTITIONS = 6;
const CUSTOMERS = 120;
let test: TestStore;
const workers: ForkedWorker[] = [];
beforeAll(async () => {
  test = await createTestStore('partitions');
});
afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await test.teardown();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

/** Appends `total` events in chunks, each customer's carrying its next sequence number, in event-time order. */
const appender = (store: EventStore) => {
  const seq = new Map<number, number>();
  let i = 0;
  return async (total: number, chunk: number, pauseMs: number) => {
    for (let done = 0; done < total; done += chunk) {
      const byStream = new Map<string, EventToAppend[]>();
      for (let k = 0; k < chunk; k++, i++) {
        const customer = (i * 7919 + (i % 13)) % CUSTOMERS;
        const next = (seq.get(customer) ?? 0) + 1;
        seq.set(customer, next);
        const streamId = `customer-${customer}`;
        const events = byStream.get(streamId) ?? [];
        events.push({
          type: 'Counted',
          data: { seq: next },
          metadata: {
            customerId: `c${customer}`,
            occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 97_000).toISOString(),
          },
        });
        byStream.set(streamId, events);
      }
      await store.appendToStreams([...byStream].map(([streamId, events]) => ({ streamId, events })));
      if (pauseMs > 0) await sleep(pauseMs);
    }
  };
};

const checkpoints = async () => {
  const client = await connect();
  try {
    const { rows } = await client.query<{ part_index: number; position: string }>(
      `SELECT part_index, position::text AS position FROM "${test.schema}".read_model_checkpoints
       WHERE collection = 'counted_v1' AND part_count = $1 ORDER BY part_index`,
      [PARTITIONS],
    );
    return rows.map((row) => ({ index: row.part_index, position: BigInt(row.position) }));
  } finally {
    await client.end();
  }
};

describe('given a projection partitioned over worker processes', () => {
  it('a worker killed mid-stream hands its partitions over, and the read model equals a single-process rebuild', async () => {
    const append = appender(test.store);
    await append(3000, 250, 0);
    const env = { RAPPORT_PG_URL: pgUrl, SCHEMA: test.schema, PARTITIONS: String(PARTITIONS), BATCH: '100' };
    workers.push(...[0, 1, 2].map(() => forkWorker({ ...env, REBALANCE_MS: '200' })));
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const live = append(4000, 100, 20);

    const [victim, ...survivors] = workers as [ForkedWorker, ...ForkedWorker[]];
    await until(
      () => victim.statuses.some((s) => Object.values(s.positions).some((position) => BigInt(position) > 0n)),
      'the first worker to apply events',
    );
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const victimOwned = victim.statuses.at(-1)?.owned ?? [];
    expect(victimOwned.length).toBeGreaterThan(0);
    await live;
    const head = await test.store.headPosition();
    await until(
      async () => (await checkpoints()).filter((c) => c.position >= head).length === PARTITIONS,
      'every partition to reach the head',
    );
    const owned = survivors.flatMap((worker) => worker.statuses.at(-1)?.owned ?? []).sort();
    expect(owned).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Object.values(victim.statuses.at(-1)?.positions ?? {}).every((p) => BigInt(p) < head)).toBe(true);
    await Promise.all(survivors.map((worker) => worker.stop()));

    const readModels = createPostgresReadModelStore({ connectionString: pgUrl, schema: test.schema });
    try {
      const { documents } = await readModels.list('counted_v1', { limit: 10_000 });
      const events = (await test.store.readAll({ maxCount: 100_000 })).events;
      const rebuilt = foldProjection(countingProjection(), events);
      expect(Object.fromEntries(documents.map((d) => [d.key, d.document]))).toEqual(
        Object.fromEntries(rebuilt.documents),
      );
      expect(await readModels.listTimers('counted_v1')).toEqual(rebuilt.timers);
      // nothing applied twice or out of order: each customer's count is its number of events, in sequence
      const perCustomer = new Map<string, number>();
      for (const { metadata } of events)
        perCustomer.set(metadata.customerId!, (perCustomer.get(metadata.customerId!) ?? 0) + 1);
      for (const { key, document } of documents) {
        expect(document).toMatchObject({
          count: perCustomer.get(key),
          lastSeq: perCustomer.get(key),
          disorder: 0,
        });
      }
      expect(new Set(documents.map((d) => partitionOf(d.key, PARTITIONS))).size).toBe(PARTITIONS);
      expect(await readModels.activeVersion('counted')).toBe(1);
    } finally {
      await readModels.close();
    }
  }, 90_000);
});
