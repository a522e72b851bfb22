/**
 * Read-model commit throughput: a runner batch of 2 000 profile-sized documents (~350 bytes of JSON) with a timer
 * each, over 20 000 keys, committed by `commit` (one call, one transaction), next to two baselines on the same
 * tables: the same rows as two plain multi-row upserts in one transaction (the floor for a bulk write), and one
 * upsert statement per document and per timer in one transaction (what a per-event handler costs).
 * Run: `npx tsx --conditions=@rapport/source packages/postgres/scripts/measureReadModels.ts [rounds]`.
 */
import { loadavg } from 'node:os';
import type { ReadModelCommit } from '@rapport/projections';
import pg from 'pg';
import { createPostgresReadModelStore } from '../src/index';

const url = process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `measure_rm_${Date.now().toString(36)}`;
const rounds = Number(process.argv[2] ?? 3);
const BATCH = 2000;
const KEYS = 20_000;
const COMMITS = 20;

const store = createPostgresReadModelStore({ connectionString: url, schema });
const client = new pg.Client({ connectionString: url });
await client.connect();
const s = `"${schema}"`;

const documentOf = (key: string, n: number) => ({
  asOf: 1_700_000_000_000 + n,
  stage: n % 3 === 0 ? 'active' : 'atRisk',
  commerce: { orders: n, spent: { USD: { orders: n, gross: n * 1999 } }, categories: { music: n * 2 } },
  engagement: { firstSeen: 1_600_000_000_000, lastSeen: 1_700_000_000_000 + n, channels: { web: n } },
  tags: { current: ['vip', 'newsletter'], history: [{ tag: 'vip', at: 1_650_000_000_000 }] },
  key,
});
const batchOf = (round: number, i: number) =>
  Array.from({ length: BATCH }, (_, k) => {
    const key = String((i * BATCH + k * 7919) % KEYS).padStart(5, '0');
    return {
      key,
      document: documentOf(key, round * 1000 + i),
      at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    };
  });

const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000);
let position = 0n;
let collection = '';

const viaCommit = async (round: number) => {
  const started = performance.now();
  for (let i = 0; i < COMMITS; i++) {
    const batch = batchOf(round, i);
    const commit: ReadModelCommit = {
      collection,
      documents: batch.map(({ key, document }) => ({ key, document })),
      timers: batch.map(({ key, at }) => ({ kind: 'put', timer: { key, name: 'lifecycle', at } })),
      aliases: [],
      deadLetters: [],
      checkpoint: {
        expected: position === 0n ? undefined : position,
        next: { position: position + 2000n, watermark: batch[0]!.at },
      },
    };
    await store.commit(commit);
    position += 2000n;
  }
  return rate(COMMITS * BATCH, performance.now() - started);
};

const viaBulkUpserts = async (round: number) => {
  const started = performance.now();
  for (let i = 0; i < COMMITS; i++) {
    const batch = batchOf(round, i);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO ${s}.read_model_documents (tenant_id, collection, key, document)
       SELECT 'bulk', 'c', k, d::json FROM unnest($1::text[], $2::text[]) AS t(k, d)
       ON CONFLICT (tenant_id, collection, key) DO UPDATE SET document = excluded.document`,
      [batch.map((b) => b.key), batch.map((b) => JSON.stringify(b.document))],
    );
    await client.query(
      `INSERT INTO ${s}.read_model_timers (tenant_id, collection, key, name, at, key_hash)
       SELECT 'bulk', 'c', k, 'lifecycle', a, 0 FROM unnest($1::text[], $2::text[]) AS t(k, a)
       ON CONFLICT (tenant_id, collection, key, name) DO UPDATE SET at = excluded.at`,
      [batch.map((b) => b.key), batch.map((b) => b.at)],
    );
    await client.query('COMMIT');
  }
  return rate(COMMITS * BATCH, performance.now() - started);
};

const viaRowUpserts = async (round: number) => {
  const started = performance.now();
  for (let i = 0; i < COMMITS / 4; i++) {
    const batch = batchOf(round, i);
    await client.query('BEGIN');
    for (const { key, document, at } of batch) {
      await client.query({
        name: 'doc',
        text: `INSERT INTO ${s}.read_model_documents (tenant_id, collection, key, document) VALUES ('row', 'c', $1, $2::json)
               ON CONFLICT (tenant_id, collection, key) DO UPDATE SET document = excluded.document`,
        values: [key, JSON.stringify(document)],
      });
      await client.query({
        name: 'timer',
        text: `INSERT INTO ${s}.read_model_timers (tenant_id, collection, key, name, at, key_hash) VALUES ('row', 'c', $1, 'lifecycle', $2, 0)
               ON CONFLICT (tenant_id, collection, key, name) DO UPDATE SET at = excluded.at`,
        values: [key, at],
      });
    }
    await client.query('COMMIT');
  }
  return rate((COMMITS / 4) * BATCH, performance.now() - started);
};

try {
  await store.migrate();
  console.log(
    `batches of ${BATCH} documents + ${BATCH} timers over ${KEYS} keys; load average ${loadavg().map((l) => l.toFixed(2))}`,
  );
  for (let round = 1; round <= rounds; round++) {
    collection = `measure_v${round}`;
    position = 0n;
    const commit = await viaCommit(round);
    const bulk = await viaBulkUpserts(round);
    const rows = await viaRowUpserts(round);
    console.log(
      `round ${round}: commit ${commit} docs/s | two bulk upserts ${bulk} docs/s | an upsert per row ${rows} docs/s (load ${loadavg()[0]?.toFixed(2)})`,
    );
  }
} finally {
  await store.close();
  await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
}
