import { randomUUID } from 'node:crypto';
import { isRapportError } from '@rapport/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, dropSchema, pgUrl, randomSchema, storedMetadata } from '../test/support';
import { createPostgresEventStore } from './index';
import { migrations } from './internal/migrations/migrations';
import { runMigrations } from './internal/migrations/runMigrations';

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

describe('migrate', () => {
  it('runs concurrently from several pools and applies each version once', async () => {
    const schema = randomSchema('migrate');
    schemas.push(schema);
    const stores = Array.from({ length: 6 }, () =>
      createPostgresEventStore({ connectionString: pgUrl, schema, registry: false, poolSize: 2 }),
    );
    try {
      await Promise.all(stores.map((store) => store.migrate()));
      await Promise.all(stores.map((store) => store.migrate())); // and again: idempotent
      const client = await connect();
      const { rows } = await client.query(
        `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
      );
      await client.end();
      expect(rows.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
      await stores[0]!.appendToStream('s', [{ type: 'T', data: {} }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('upgrades a v6 schema in place: its streams go on, and a client of the previous release still appends', async () => {
    const schema = randomSchema('upgrade');
    schemas.push(schema);
    const pool = new pg.Pool({ connectionString: pgUrl, max: 2 });
    const store = createPostgresEventStore({ pool, schema, registry: false });
    try {
      await runMigrations(pool, schema, 6);
      // how the previous release appended one event
      const appendAsBefore = async (streamId: string) => {
        const now = new Date().toISOString();
        const metadata = storedMetadata(now);
        const { rows } = await pool.query<{
          outcome: number;
          stream_revision: string | null;
          first_position: string;
        }>(
          `SELECT outcome, stream_revision::text AS stream_revision, first_position::text AS first_position, duplicate_size
           FROM "${schema}".append_event($1, $2, $3, $4, $5, $6::uuid, $7, $8::json, $9::json, $10::timestamptz)`,
          ['default', streamId, 'any', null, now, randomUUID(), 'Before', '{}', metadata, now],
        );
        expect(rows[0]?.outcome).toBe(0);
        return { revision: rows[0]?.stream_revision, position: BigInt(rows[0]?.first_position ?? 0) };
      };
      const versions = async () =>
        (await pool.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows.map(
          (row) => row.version,
        );
      expect(await versions()).toEqual([1, 2, 3, 4, 5, 6]);
      await appendAsBefore('customer-1');
      await appendAsBefore('customer-1');

      await store.migrate();
      expect(await versions()).toEqual(migrations.map((m) => m.version));
      const written = await store.appendToStream('customer-1', [{ type: 'After', data: {} }], {
        expectedRevision: 1n,
      });
      expect(written.nextExpectedRevision).toBe(2n);
      const old = await appendAsBefore('customer-1');
      expect(old).toEqual({ revision: '2', position: written.lastGlobalPosition + 1n });
      await store.appendToStream('customer-1', [
        { type: 'After', data: {} },
        { type: 'After', data: {} },
      ]);

      const { events } = await store.readStream('customer-1');
      expect(events.map((e) => [e.type, e.streamPosition])).toEqual([
        ['Before', 0n],
        ['Before', 1n],
        ['After', 2n],
        ['Before', 3n],
        ['After', 4n],
        ['After', 5n],
      ]);
      const all = (await store.readAll({ maxCount: 100 })).events;
      expect(all.map((e) => e.globalPosition)).toEqual(events.map((e) => e.globalPosition));
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('migrates on first use unless told not to', async () => {
    const schema = randomSchema('auto');
    schemas.push(schema);
    const manual = createPostgresEventStore({
      connectionString: pgUrl,
      schema,
      registry: false,
      autoMigrate: false,
    });
    await expect(manual.readStream('s')).rejects.toSatisfy((e) => isRapportError(e, 'StoreUnavailable'));
    await manual.close();
    const auto = createPostgresEventStore({ connectionString: pgUrl, schema, registry: false });
    expect((await auto.readStream('s')).exists).toBe(false);
    await auto.close();
  });

  it('rejects identifiers that are not plain lower-case names, before touching the database', () => {
    for (const schema of ['Rapport', 'a-b', 'x"; DROP TABLE y; --', '1abc', '', 'a'.repeat(49)]) {
      expect(() => createPostgresEventStore({ connectionString: pgUrl, schema })).toThrow(
        /schema must match/,
      );
    }
    expect(() => createPostgresEventStore({ schema: 'ok' })).toThrow(/connectionString or pool/);
  });

  it('wraps driver errors as StoreUnavailable with the cause', async () => {
    const store = createPostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      schema: 'unreachable',
    });
    const error = await store.headPosition().catch((e: unknown) => e);
    expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(Error);
    await store.close();
    await expect(store.headPosition()).rejects.toThrow('closed');
  });
});
