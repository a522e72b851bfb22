import { personalCustomer } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { isRapportError } from '../errors/rapportError';
import { forgetCustomer } from '../privacy/forgetCustomer';
import { createInMemoryKeyStore } from '../privacy/keyStore';
import { createProtectedEventStore, type ProtectedEventStore } from '../privacy/protectedEventStore';
import type { EventStore } from '../store/eventStore';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { type CustomerService, createCustomerService } from './customerService';

const { secrets } = personalCustomer;
const forget = {
  type: 'ForgetCustomer',
  data: { customerId: 'c-1', reason: 'subject_request' },
} as const;

const protectedSetup = (wrap?: (store: ProtectedEventStore) => EventStore) => {
  // #region setup
  const store = createProtectedEventStore({
    store: createInMemoryEventStore(), // or PostgreSQL, EventStoreDB: any store, with its own registry
    keyStore: createInMemoryKeyStore(), // or createPostgresKeyStore, a KMS
  });
  const customers = createCustomerService(store);
  // #endregion setup
  return { store, customers: wrap === undefined ? customers : createCustomerService(wrap(store)) };
};

const record = async (customers: CustomerService) => {
  for (const command of personalCustomer.commands) await customers.execute(command);
};

const historyText = async (customers: CustomerService, customerId = 'c-1') =>
  JSON.stringify((await customers.history(customerId)).map((event) => event.data));

describe('ForgetCustomer through the customer service', () => {
  it('over a protected store records the erasure and leaves no personal value readable', async () => {
    const { customers } = protectedSetup();
    await record(customers);
    const result = await customers.execute(forget);
    expect(result.events.map((event) => event.type)).toEqual(['CustomerForgotten']);
    const text = await historyText(customers);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('4200');
  });

  it('erases the records merged into the forgotten customer too', async () => {
    const { customers } = protectedSetup();
    await record(customers);
    await customers.execute({
      type: 'RegisterCustomer',
      data: { customerId: 'c-old', kind: 'customer', name: { family: 'Byron' } },
    });
    await customers.merge('c-1', 'c-old');
    await customers.execute(forget);
    expect(await historyText(customers, 'c-old')).not.toContain('Byron');
  });

  it('over a plain store refuses, saying erasure needs a protected store, and records nothing', async () => {
    const store = createInMemoryEventStore();
    const customers = createCustomerService(store);
    await record(customers);
    const before = await store.headPosition();
    const error = await customers.execute(forget).catch((e: unknown) => e);
    expect(isRapportError(error, 'Configuration')).toBe(true);
    expect((error as Error).message).toMatch(
      /^ForgetCustomer needs a store that can erase personal data: .*createProtectedEventStore/,
    );
    expect(await store.headPosition()).toBe(before);
    expect((await customers.state('c-1')).status).toBe('customer');
  });

  it('finishes an erasure stopped between recording and destroying the keys when repeated', async () => {
    let failures = 1;
    const { customers } = protectedSetup((store) => ({
      ...store,
      shred: async (customerId: string) => {
        if (failures-- > 0) throw new Error('key store unreachable');
        await store.shred(customerId);
      },
    }));
    await record(customers);
    await expect(customers.execute(forget)).rejects.toThrow('key store unreachable');
    expect(await historyText(customers)).toContain('Lovelace');
    await customers.execute(forget);
    const history = await customers.history('c-1');
    expect(history.filter((event) => event.type === 'CustomerForgotten')).toHaveLength(1);
    expect(await historyText(customers)).not.toContain('Lovelace');
  });

  it('is what forgetCustomer does, stamped with the given event time and actor', async () => {
    const { customers } = protectedSetup();
    await record(customers);
    // #region forget
    await forgetCustomer(
      { customers },
      { customerId: 'c-1', reason: 'subject_request', requestedBy: 'dpo' },
      { metadata: { occurredAt: '2025-02-01T00:00:00Z', actor: 'dpo-7' } },
    );
    // #endregion forget
    const forgotten = (await customers.history('c-1')).at(-1)!;
    expect(forgotten.type).toBe('CustomerForgotten');
    expect(forgotten.metadata).toMatchObject({ occurredAt: '2025-02-01T00:00:00.000Z', actor: 'dpo-7' });
    expect(await historyText(customers)).not.toContain('Lovelace');
  });
});
