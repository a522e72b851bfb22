import {
  createCustomerService,
  createFakeClock,
  createProtectedEventStore,
  ERASED,
  forgetCustomer,
} from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { createProjectionRunner } from '@rapport/projections';
import { personalCustomer } from '@rapport/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, dumpSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore, createPostgresKeyStore, createPostgresReadModelStore } from './index';

const { secrets } = personalCustomer;

const schema = randomSchema('forget');
const pool = new pg.Pool({ connectionString: pgUrl, max: 6 });
const inner = createPostgresEventStore({ pool, schema, registry: false });
const keyStore = createPostgresKeyStore({ pool, schema });
const store = createProtectedEventStore({ store: inner, keyStore, keyCacheMs: 0 });
const customers = createCustomerService(store);
const readModels = createPostgresReadModelStore({ pool, schema });

beforeAll(() => inner.migrate());
afterAll(async () => {
  await inner.close();
  await pool.end();
  await dropSchema(schema);
});

const rawDump = () => dumpSchema(schema);

const catchUp = async () => {
  const runner = createProjectionRunner({
    projection: profileProjection,
    eventStore: store,
    readModels,
    clock: createFakeClock('2000-01-01T00:00:00Z'),
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(await store.headPosition());
  await runner.stop();
};

describe('forgetting a customer on PostgreSQL', () => {
  it('leaves no personal value readable anywhere in the database: events, read models or keys', async () => {
    for (const command of personalCustomer.commands) await customers.execute(command);
    await catchUp();

    // before: the log holds ciphertext only, but the profile (a read model) shows the customer's details
    const before = await rawDump();
    expect(before).toContain('rapport:enc:1:');
    expect(before).toContain('ada@example.com');
    const eventRows = before.split('\n').filter((line) => line.startsWith('events: '));
    for (const secret of secrets) expect(eventRows.join('\n')).not.toContain(secret);

    await forgetCustomer({ customers, store }, { customerId: 'c-1', reason: 'subject_request' });
    await catchUp();

    const after = await rawDump();
    for (const secret of secrets) expect(after).not.toContain(secret);
    expect(after).toContain('4200');
    expect(after).toMatch(/shredded_subjects: \(default,c-1,/);
    expect(after).not.toMatch(/data_keys: \(default,c-1,/);
    const [registered] = await customers.history('c-1');
    expect(registered?.data).toMatchObject({ name: { given: ERASED, family: ERASED } });
    expect(await keyStore.currentKey({ tenantId: 'default', customerId: 'c-1' })).toBeUndefined();
  });
});
