import { isRapportError } from '@rapport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore } from './index';
import { migrations } from './internal/migrations/migrations';

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
