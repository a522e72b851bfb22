import { randomBytes } from 'node:crypto';
import { isIllegalState, isRapportError, isValidationError } from '@rapport/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresKeyStore } from './index';

const schema = randomSchema('keys');
const pool = new pg.Pool({ connectionString: pgUrl, max: 4 });
const keys = createPostgresKeyStore({ pool, schema, tenantId: 'acme' });
const subject = (customerId: string) => ({ tenantId: 'acme', customerId });
const hex = (material: Uint8Array | undefined) =>
  material ? Buffer.from(material).toString('hex') : undefined;

beforeAll(() => keys.migrate());
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
});

const rowsOf = async (customerId: string) => {
  const client = await connect();
  try {
    const stored = await client.query(
      `SELECT version, material FROM "${schema}".data_keys WHERE customer_id = $1 ORDER BY version`,
      [customerId],
    );
    const shredded = await client.query(
      `SELECT 1 FROM "${schema}".shredded_subjects WHERE customer_id = $1`,
      [customerId],
    );
    return {
      keys: stored.rows as { version: number; material: Buffer }[],
      shredded: shredded.rowCount === 1,
    };
  } finally {
    await client.end();
  }
};

describe('the postgres key store', () => {
  it('creates a 256-bit key on first use and returns the same one afterwards', async () => {
    const first = await keys.currentKey(subject('c-1'));
    expect(first?.version).toBe(1);
    expect(first?.material).toHaveLength(32);
    expect(hex((await keys.currentKey(subject('c-1')))?.material)).toBe(hex(first?.material));
    expect(hex((await keys.keyVersion(subject('c-1'), 1))?.material)).toBe(hex(first?.material));
    expect(await keys.keyVersion(subject('c-1'), 2)).toBeUndefined();
    expect(await keys.keyVersion(subject('nobody'), 1)).toBeUndefined();
  });

  it('rotates to a new current version while older versions stay readable', async () => {
    const v1 = await keys.currentKey(subject('c-2'));
    const v2 = await keys.rotate(subject('c-2'));
    expect(v2.version).toBe(2);
    expect(hex(v2.material)).not.toBe(hex(v1?.material));
    expect((await keys.currentKey(subject('c-2')))?.version).toBe(2);
    expect(hex((await keys.keyVersion(subject('c-2'), 1))?.material)).toBe(hex(v1?.material));
    expect((await keys.rotate(subject('never-used'))).version).toBe(1);
  });

  it('destroys every version for good: the rows are deleted and no key is ever created again', async () => {
    await keys.currentKey(subject('c-3'));
    await keys.rotate(subject('c-3'));
    await keys.destroy(subject('c-3'));
    expect(await rowsOf('c-3')).toEqual({ keys: [], shredded: true });
    expect(await keys.currentKey(subject('c-3'))).toBeUndefined();
    expect(await keys.keyVersion(subject('c-3'), 1)).toBeUndefined();
    await expect(keys.rotate(subject('c-3'))).rejects.toSatisfy(isIllegalState);
    await keys.destroy(subject('c-3'));
    await keys.destroy(subject('c-never'));
    expect(await keys.currentKey(subject('c-never'))).toBeUndefined();
    expect(await rowsOf('c-3')).toEqual({ keys: [], shredded: true });
  });

  it('gives processes racing for the first key the same key', async () => {
    const pools = Array.from({ length: 6 }, () => new pg.Pool({ connectionString: pgUrl, max: 2 }));
    try {
      const stores = pools.map((p) => createPostgresKeyStore({ pool: p, schema, tenantId: 'acme' }));
      for (let round = 0; round < 5; round++) {
        const who = subject(`race-${round}`);
        const found = await Promise.all(
          stores.flatMap((store) => [store.currentKey(who), store.currentKey(who)]),
        );
        expect(new Set(found.map((key) => `${key?.version}:${hex(key?.material)}`)).size).toBe(1);
        expect((await rowsOf(who.customerId)).keys).toHaveLength(1);
      }
      // a key asked for while the customer is being shredded is never left behind
      const who = subject('race-shred');
      await Promise.all([
        ...stores.map((store) => store.currentKey(who)),
        keys.destroy(who),
        ...stores.map((store) => store.currentKey(who)),
      ]);
      expect(await keys.currentKey(who)).toBeUndefined();
      expect(await rowsOf(who.customerId)).toEqual({ keys: [], shredded: true });
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('stores keys wrapped when given a key-encryption key, and refuses to read them without it', async () => {
    const keyEncryptionKey = new Uint8Array(randomBytes(32));
    const wrapped = createPostgresKeyStore({ pool, schema, tenantId: 'acme', keyEncryptionKey });
    const key = await wrapped.currentKey(subject('c-wrapped'));
    const [row] = (await rowsOf('c-wrapped')).keys;
    expect(row?.material).toHaveLength(61);
    expect(row?.material.toString('hex')).not.toContain(hex(key?.material));
    expect(hex((await wrapped.keyVersion(subject('c-wrapped'), 1))?.material)).toBe(hex(key?.material));
    await expect(keys.currentKey(subject('c-wrapped'))).rejects.toSatisfy((e) =>
      isRapportError(e, 'Configuration'),
    );
    const other = createPostgresKeyStore({
      pool,
      schema,
      tenantId: 'acme',
      keyEncryptionKey: randomBytes(32),
    });
    await expect(other.currentKey(subject('c-wrapped'))).rejects.toSatisfy((e) =>
      isRapportError(e, 'Configuration'),
    );
    expect(() => createPostgresKeyStore({ pool, schema, keyEncryptionKey: new Uint8Array(16) })).toThrow(
      /32 bytes/,
    );
  });

  it('refuses subjects of another tenant and bad customer ids', async () => {
    await expect(keys.currentKey({ tenantId: 'other', customerId: 'c-1' })).rejects.toSatisfy(
      isValidationError,
    );
    await expect(keys.destroy({ tenantId: 'other', customerId: 'c-1' })).rejects.toSatisfy(isValidationError);
    await expect(keys.currentKey(subject(''))).rejects.toSatisfy(isValidationError);
    expect(() => createPostgresKeyStore({ pool, schema: 'Bad-Schema' })).toThrow(/schema must match/);
  });
});
