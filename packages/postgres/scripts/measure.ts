/**
 * Rough throughput figures for the README (not a benchmark suite; `packages/benchmarks` owns those):
 * single-event appends against a raw single-row INSERT per transaction, and bulk appends against COPY.
 * Run: `npx tsx --conditions=@rapport/source packages/postgres/scripts/measure.ts` (needs RAPPORT_PG_URL or a
 * local `test` database).
 */
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
  const bulk = Array.from({ length: streamsPerBulk }, (_, s) => ({
    streamId: `bulk-${s}`,
    events: Array.from({ length: perStream }, () => ({ type: 'Noted', data })),
  }));
  const bulkMs = await timed(async () => {
    await store.appendToStreams(bulk);
  });
  const copyMs = await timed(async () => {
    const rows = Array.from({ length: bulkEvents }, (_, i) =>
      [
        position + 1 + i,
        'default',
        `copy-${i % streamsPerBulk}`,
        Math.floor(i / streamsPerBulk),
        randomUUID(),
        'Noted',
        JSON.stringify(data),
        '{"tenantId":"default"}',
        '2026-01-01T00:00:00Z',
        '2026-01-01T00:00:00Z',
      ].join('\t'),
    );
    await pool.query(`CREATE TEMP TABLE copy_input (line text)`);
    // COPY FROM STDIN needs a streaming client; the closest plain-pg baseline is one INSERT ... SELECT FROM unnest
    await pool.query(
      `INSERT INTO ${schema}.raw (global_position, tenant_id, stream_id, stream_position, event_id, type, data,
         metadata, occurred_at, recorded_at)
       SELECT f[1]::bigint, f[2], f[3], f[4]::bigint, f[5]::uuid, f[6], f[7]::json, f[8]::json, f[9]::timestamptz,
         f[10]::timestamptz FROM (SELECT string_to_array(line, E'\\t') AS f FROM unnest($1::text[]) AS line) x`,
      [rows],
    );
  });
  console.log(
    `bulk append of ${bulkEvents} events over ${streamsPerBulk} streams: appendToStreams ${rate(bulkEvents, bulkMs)}/s, raw unnest INSERT ${rate(bulkEvents, copyMs)}/s`,
  );
  await store.close();
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
};

await main();
