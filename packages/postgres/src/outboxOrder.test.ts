import type { Effect, ReadModelCommit } from '@rapport/projections';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresReadModelStore } from './index';
import { runMigrations } from './internal/migrations/runMigrations';
import { effectJson } from './internal/outbox/storedEffect';
import { encodeText } from './internal/textCodec';

const schema = randomSchema('outbox_order');
// more connections than one claim needs, so the claims below really run at once
const pool = new pg.Pool({ connectionString: pgUrl, max: 12 });
let tenants = 0;
const storeOfItsOwn = (inSchema = schema) =>
  createPostgresReadModelStore({ pool, schema: inSchema, tenantId: `order-${tenants++}` });
const schemas = [schema];
beforeAll(() => storeOfItsOwn().migrate());
afterAll(async () => {
  await pool.end();
  for (const name of schemas) await dropSchema(name);
});

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

const command = (key: string, n: number, text = 'plain'): Effect => ({
  id: `earner:${key}:${n}`,
  kind: 'command',
  reactor: 'earner',
  version: 1,
  key,
  name: 'Earn',
  type: 'EarnPoints',
  payload: { n, text },
  notBefore: undefined,
  cause: {
    eventId: undefined,
    eventType: 'Purchased',
    position: BigInt(n),
    at: at(0),
    timer: undefined,
    correlationId: undefined,
  },
});

const commit = (expected: bigint | undefined, effects: readonly Effect[]): ReadModelCommit => ({
  collection: 'earner_v1',
  documents: [],
  timers: [],
  aliases: [],
  deadLetters: [],
  checkpoint: { expected, next: { position: (expected ?? 0n) + 1n, watermark: undefined } },
  effects,
  recordedAt: at(1),
});

const ids = (entries: readonly { readonly id: string }[]) => entries.map((entry) => entry.id);

describe('the PostgreSQL outbox, holding a document’s commands in line', () => {
  it('never leases two commands of one document at once to many dispatchers claiming together, and sends them in order', async () => {
    const store = storeOfItsOwn();
    const keys = Array.from({ length: 8 }, (_, i) => `customer-${i}`);
    const perKey = 5;
    // interleaved, as a batch over many customers' events emits them
    await store.commit(
      commit(undefined, Array.from({ length: perKey }, (_, n) => keys.map((key) => command(key, n))).flat()),
    );
    const sent: string[] = [];
    for (let round = 0; round < perKey + 1; round++) {
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.outbox.claim({ now: at(2), limit: 3, owner: `w${round}-${i}`, leaseUntil: at(30) }),
        ),
      );
      const leased = claims.flatMap((claimed, i) =>
        claimed.map((entry) => ({ entry, owner: `w${round}-${i}` })),
      );
      const leasedKeys = leased.map(({ entry }) => entry.key).sort();
      expect(leasedKeys).toEqual(round < perKey ? [...keys].sort() : []);
      for (const { entry, owner } of leased) {
        expect(await store.outbox.settle(entry.id, { outcome: 'sent', owner, at: at(3) })).toBe(true);
        sent.push(entry.id);
      }
    }
    for (const key of keys)
      expect(sent.filter((id) => id.startsWith(`earner:${key}:`))).toEqual(
        Array.from({ length: perKey }, (_, n) => `earner:${key}:${n}`),
      );
  });

  it('does not take the next command while another claim holds the head, leased but not committed', async () => {
    const store = storeOfItsOwn();
    await store.commit(
      commit(undefined, [command('a', 1), command('a', 2), command('b', 1), command('b', 2)]),
    );
    const client = await connect();
    try {
      // what a claim in flight has done to the heads: locked and leased them, not committed yet
      await client.query('BEGIN');
      await client.query(
        `UPDATE "${schema}".outbox SET lease_owner = 'w1', lease_until = $2
         WHERE tenant_id = $1 AND id IN ('earner:a:1', 'earner:b:1')`,
        [store.tenantId, at(30)],
      );
      const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000));
      const claimed = await Promise.race([
        store.outbox.claim({ now: at(2), limit: 10, owner: 'w2', leaseUntil: at(30) }),
        timeout,
      ]);
      expect(claimed === 'waited' ? claimed : ids(claimed)).toEqual([]);
      await client.query('COMMIT');
      // committed, the leased heads still hold their lines back
      expect(
        ids(await store.outbox.claim({ now: at(2), limit: 10, owner: 'w2', leaseUntil: at(30) })),
      ).toEqual([]);
      // committed, the heads are still pending: their lines wait, though their leases have run out by 31
      expect(
        ids(await store.outbox.claim({ now: at(31), limit: 10, owner: 'w3', leaseUntil: at(40) })),
      ).toEqual(['earner:a:1', 'earner:b:1']);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });

  it('gives the rows of an outbox migrated from v11 their lines, a key with a backslash as a new commit gives it', async () => {
    const old = randomSchema('outbox_v11');
    schemas.push(old);
    await runMigrations(pool, old, 11);
    const store = storeOfItsOwn(old);
    // as the v10 function inserted them, ids and reactors encoded
    const insert = (effect: Effect, status: string) =>
      pool.query(
        `INSERT INTO "${old}".outbox (tenant_id, id, reactor, effect, status, created_at, due_at, history)
         VALUES ($1, $2, $3, $4::json, $5, $6, $6, ARRAY[json_build_object('at', $6::text, 'what', 'created')])`,
        [
          store.tenantId,
          encodeText(effect.id),
          encodeText(effect.reactor),
          effectJson(effect),
          status,
          at(1),
        ],
      );
    const key = 'back\\slash';
    await insert(command(key, 1), 'pending');
    await insert(command(key, 2), 'pending');
    await insert(command('dead', 1), 'dead');
    await insert({ ...command('m', 1), kind: 'message' }, 'pending');
    // PostgreSQL takes no json apart that holds a U+0000: this one waits in no line, as before the migration
    await insert(command('nul', 1, 'nul\u0000'), 'pending');

    await store.migrate();
    const { rows } = await pool.query<{ id: string; keyed: boolean }>(
      `SELECT id, order_key IS NOT NULL AS keyed FROM "${old}".outbox ORDER BY seq`,
    );
    expect(rows).toEqual([
      { id: encodeText(`earner:${key}:1`), keyed: true },
      { id: encodeText(`earner:${key}:2`), keyed: true },
      { id: 'earner:dead:1', keyed: true },
      { id: 'earner:m:1', keyed: false },
      { id: 'earner:nul:1', keyed: false },
    ]);
    await store.commit(commit(undefined, [command(key, 3), command('dead', 2)]));
    await store.outbox.retry('earner:dead:1', at(2));
    // the retried dead one goes ahead of the command committed after the migration, as the backslashed key's first
    expect(ids(await store.outbox.claim({ now: at(2), limit: 10, owner: 'w1', leaseUntil: at(30) }))).toEqual(
      [`earner:${key}:1`, 'earner:m:1', 'earner:nul:1', 'earner:dead:1'],
    );
    for (const id of [`earner:${key}:1`, 'earner:dead:1'])
      expect(await store.outbox.settle(id, { outcome: 'sent', owner: 'w1', at: at(3) })).toBe(true);
    expect(ids(await store.outbox.claim({ now: at(4), limit: 10, owner: 'w2', leaseUntil: at(30) }))).toEqual(
      [`earner:${key}:2`, 'earner:dead:2'],
    );
  });
});
