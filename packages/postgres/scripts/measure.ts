/**
 * Rough throughput figures for the README (not a benchmark suite; `packages/benchmarks` owns those):
 * single-event appends against a raw single-row INSERT per transaction (same table and indexes), and bulk
 * appends against COPY (through psql, when it is on the PATH).
 * Run: `npx tsx --conditions=@rapport/source packages/postgres/scripts/measure.ts` (needs RAPPORT_PG_URL or a
 * local `test` database).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresEventStore } from '../src/index';

const url = process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `measure_${Date.now().toString(36)}`;
const singles = Number(process.env.SINGLES ?? 3000);
const writers = Number(process.env.WRITERS ?? 8);
const bulkEvents = Number(process.env.BULK ?? 20_000);
const streamsPerBulk = Number(process.env.BULK_STREAMS ?? 400);

const data = { note: 'a purchase of 3 items', amount: 1999, currency: 'EUR', tags: ['web', 'promo'] };

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

const timed = async (fn: () => Promise<void>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

const inParallel = async (workers: number, total: number, work: (i: number) => Promise<unknown>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
};

/** Times `COPY raw FROM STDIN` of `count` rows as psql reports it (server and transfer, not psql start-up). */
const copyBaseline = (count: number, firstPosition: number, json: string): number | undefined => {
  const rows = Array.from({ length: count }, (_, i) =>
    [
      firstPosition + 1 + i,
      'default',
      `copy-${firstPosition}-${i % streamsPerBulk}`,
      Math.floor(i / streamsPerBulk),
      randomUUID(),
      'Noted',
      json,
      '{"tenantId":"default"}',
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
    ].join('\t'),
  );
  const script = `\\timing on\nCOPY ${schema}.raw (global_position, tenant_id, stream_id, stream_position, event_id, type, data,
    metadata, occurred_at, recorded_at) FROM STDIN;\n${rows.join('\n')}\n\\.\n`;
  const result = spawnSync('psql', [url, '-q', '-f', '-'], { input: script, encoding: 'utf8' });
  if (result.stderr?.includes('ERROR')) throw new Error(result.stderr);
  const time = /Time: ([\d.]+) ms/.exec(result.stdout ?? '');
  return time?.[1] === undefined ? undefined : Number(time[1]);
};

const main = async () => {
  const pool = new pg.Pool({
    connectionString: url,
    max: writers + 2,
    // SYNC=off takes the WAL flush out of both sides, which leaves the CPU cost of the store's work exposed
    ...(process.env.SYNC === 'off' ? { options: '-c synchronous_commit=off' } : {}),
  });
  const store = createPostgresEventStore({ pool, schema, registry: false });
  await store.migrate();
  await pool.query(`CREATE TABLE ${schema}.raw (LIKE ${schema}.events INCLUDING ALL)`);
  const rawInsert = `INSERT INTO ${schema}.raw (global_position, tenant_id, stream_id, stream_position, event_id, type,
    data, metadata, occurred_at, recorded_at) VALUES ($1, 'default', $2, 0, $3, 'Noted', $4, $5, now(), now())`;
  let position = 0;
  const raw = (i: number) =>
    pool.query({
      name: 'raw',
      text: rawInsert,
      values: [++position, `raw-${i}`, randomUUID(), JSON.stringify(data), '{"tenantId":"default"}'],
    });
  const append = (i: number) => store.appendToStream(`s-${i}`, [{ type: 'Noted', data }]);

  // interleave the two in rounds, so a machine whose load changes affects both alike
  const rounds = 6;
  const perRound = Math.floor(singles / rounds);
  let offset = 0;
  for (const [label, workers] of [
    ['sequential', 1],
    [`${writers} writers`, writers],
  ] as const) {
    let rawMs = 0;
    let storeMs = 0;
    for (let round = 0; round < rounds; round++) {
      const base = offset;
      offset += perRound;
      rawMs += await timed(() => inParallel(workers, perRound, (i) => raw(base + i)));
      storeMs += await timed(() => inParallel(workers, perRound, (i) => append(base + i)));
    }
    const count = perRound * rounds;
    console.log(
      `single-event appends, ${label}: raw INSERT ${rate(count, rawMs)}/s, appendToStream ${rate(count, storeMs)}/s (${Math.round((rawMs / storeMs) * 100)}%)`,
    );
  }

  const perStream = bulkEvents / streamsPerBulk;
  const purchase = {
    orderId: 'o-1',
    lines: [{ sku: 'sku-1', quantity: 2, unitPrice: 999 }],
    total: 1998,
    currency: 'EUR',
    paymentMethod: 'card',
  };
  const bulkOf = (label: string, type: string, payload: unknown) =>
    Array.from({ length: streamsPerBulk }, (_, s) => ({
      streamId: `${label}-${s}`,
      events: Array.from({ length: perStream }, () => ({ type, data: payload })),
    }));
  const validating = createPostgresEventStore({ pool, schema });
  // best of three after a warm-up, for the store and for COPY alike
  const best = async (run: (round: number) => Promise<number | undefined>) => {
    await run(-1);
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      const ms = await run(round);
      if (ms !== undefined) times.push(ms);
    }
    return times.length === 0 ? undefined : Math.min(...times);
  };
  const bulkMs = (await best((round) =>
    timed(() => store.appendToStreams(bulkOf(`bulk${round}`, 'Noted', data)).then(() => undefined)),
  ))!;
  const validatedMs = (await best((round) =>
    timed(() =>
      validating
        .appendToStreams(bulkOf(`valid${round}`, 'PurchaseCompleted', purchase))
        .then(() => undefined),
    ),
  ))!;
  let copied = position + 10_000_000;
  const copyMs = await best(async () => {
    copied += bulkEvents;
    return copyBaseline(bulkEvents, copied, JSON.stringify(data));
  });
  await validating.close();
  console.log(
    `bulk append of ${bulkEvents} events over ${streamsPerBulk} streams: appendToStreams ${rate(bulkEvents, bulkMs)}/s ` +
      `(registry: false), ${rate(bulkEvents, validatedMs)}/s (PurchaseCompleted through the touchpoint registry); ` +
      (copyMs === undefined ? 'psql not found, no COPY baseline' : `COPY ${rate(bulkEvents, copyMs)}/s`),
  );
  await store.close();
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
};

await main();
