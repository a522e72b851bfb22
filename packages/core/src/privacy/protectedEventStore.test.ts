import { personalCustomer } from '@rapport/testing';
import { eventStoreContract } from '@rapport/testing/vitest';
import { describe, expect, it } from 'vitest';
import { createCustomerService } from '../customer/customerService';
import { customerStreamId } from '../customer/decider';
import { isRapportError } from '../errors/rapportError';
import { isValidationError } from '../errors/validationError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { exportCustomerData } from './exportCustomerData';
import { forgetCustomer } from './forgetCustomer';
import { createInMemoryKeyStore } from './keyStore';
import { createProtectedEventStore, ERASED } from './protectedEventStore';

const { secrets } = personalCustomer;

const setup = () => {
  const raw = createInMemoryEventStore({ registry: false });
  const keyStore = createInMemoryKeyStore();
  const store = createProtectedEventStore({ store: raw, keyStore });
  return { raw, keyStore, store, customers: createCustomerService(store) };
};

const rawText = async (raw: ReturnType<typeof createInMemoryEventStore>) =>
  JSON.stringify((await raw.readAll({ maxCount: 100_000 })).events, (_, v) =>
    typeof v === 'bigint' ? v.toString() : v,
  );

const recordAda = async (customers: ReturnType<typeof createCustomerService>) => {
  for (const command of personalCustomer.commands) await customers.execute(command);
};

describe('a store that protects personal data', () => {
  it('never lets personal values reach the underlying store in clear, yet reads them back', async () => {
    const { raw, customers } = setup();
    await recordAda(customers);
    const text = await rawText(raw);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('4200');
    const [registered] = await customers.history('c-1');
    expect(registered!.data).toMatchObject({
      name: { given: 'Ada', family: 'Lovelace' },
      emails: [{ address: 'ada@example.com' }],
    });
  });

  it('shows personal values as erased once the customer is shredded, while amounts still count', async () => {
    const { store, customers } = setup();
    await recordAda(customers);
    await customers.execute({
      type: 'ForgetCustomer',
      data: { customerId: 'c-1', reason: 'subject_request' },
    });
    await store.shred('c-1');
    const history = await customers.history('c-1');
    const text = JSON.stringify(history.map((e) => e.data));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(history[0]!.data).toMatchObject({
      name: { given: ERASED, family: ERASED },
      addresses: [{ lines: [ERASED], country: 'GB' }],
    });
    expect(history.find((e) => e.type === 'PurchaseCompleted')!.data).toMatchObject({
      total: 4200,
      currency: 'GBP',
    });
  });

  it('stores personal values of a shredded customer as erased from then on', async () => {
    const { raw, store } = setup();
    await store.shred('c-2');
    await store.appendToStream(customerStreamId('c-2'), [
      { type: 'NoteAdded', data: { noteId: 'n', body: 'late secret' }, metadata: { customerId: 'c-2' } },
    ]);
    expect(await rawText(raw)).not.toContain('late secret');
    expect((await store.readStream(customerStreamId('c-2'))).events[0]!.data).toMatchObject({ body: ERASED });
  });

  it('keeps reading events written before and after a key rotation', async () => {
    const { store } = setup();
    const note = (body: string) => ({
      type: 'NoteAdded',
      data: { noteId: body, body },
      metadata: { customerId: 'c-3' },
    });
    await store.appendToStream('customer-c-3', [note('before')]);
    await store.rotateKey('c-3');
    await store.appendToStream('customer-c-3', [note('after')]);
    const bodies = (await store.readStream('customer-c-3')).events.map(
      (e) => (e.data as { body: string }).body,
    );
    expect(bodies).toEqual(['before', 'after']);
    await store.shred('c-3');
    const refused = await store.rotateKey('c-3').catch((e: unknown) => e);
    expect(isRapportError(refused, 'IllegalState')).toBe(true);
  });

  it('refuses personal data that names no customer, naming the missing field', async () => {
    const { store } = setup();
    const error = await store
      .appendToStream('notes', [{ type: 'NoteAdded', data: { noteId: 'n', body: 'who?' } }])
      .catch((e: unknown) => e);
    expect(isValidationError(error) && error.message).toBe(
      'NoteAdded.metadata.customerId: is required to protect the personal data in this event',
    );
  });

  it('never shows a tampered ciphertext', async () => {
    const { raw, keyStore } = setup();
    const store = createProtectedEventStore({ store: raw, keyStore });
    await store.appendToStream('customer-c-4', [
      { type: 'NoteAdded', data: { noteId: 'n', body: 'original' }, metadata: { customerId: 'c-4' } },
    ]);
    const [stored] = (await raw.readStream('customer-c-4')).events;
    const token = (stored!.data as { body: string }).body;
    const forged = `${token.slice(0, -6)}${token.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    await raw.appendToStream('customer-c-4', [
      {
        type: 'NoteAdded',
        data: { noteId: 'n2', body: forged },
        metadata: { customerId: 'c-4', schemaVersion: 1 },
      },
    ]);
    const bodies = (await store.readStream('customer-c-4')).events.map(
      (e) => (e.data as { body: string }).body,
    );
    expect(bodies).toEqual(['original', ERASED]);
  });
});

describe('a protected store over a store that validates', () => {
  const validating = () => {
    const raw = createInMemoryEventStore();
    const store = createProtectedEventStore({ store: raw, keyStore: createInMemoryKeyStore() });
    return { raw, store, customers: createCustomerService(store) };
  };

  it('validates the plain event once, so personal data is accepted, read back and erased', async () => {
    const { raw, store, customers } = validating();
    await recordAda(customers);
    expect((await customers.history('c-1'))[0]!.data).toMatchObject({
      emails: [{ address: 'ada@example.com' }],
    });
    await customers.execute({
      type: 'ForgetCustomer',
      data: { customerId: 'c-1', reason: 'subject_request' },
    });
    // a shredded customer's later personal values are stored as erased, which is no email address either
    await store.appendToStream(customerStreamId('c-1'), [
      {
        type: 'ContactDetailsChanged',
        data: { changes: { emails: [{ address: 'ada@new.example.com' }] } },
        metadata: { customerId: 'c-1' },
      },
    ]);
    const text = await rawText(raw);
    for (const secret of [...secrets, 'ada@new.example.com']) expect(text).not.toContain(secret);
  });

  it('still refuses invalid plain data, naming the plain path and value', async () => {
    const { raw, store } = validating();
    const error = await store
      .appendToStream(customerStreamId('c-1'), [
        {
          type: 'CustomerRegistered',
          data: { kind: 'customer', emails: [{ address: 'not-an-email' }] },
          metadata: { customerId: 'c-1' },
        },
      ])
      .catch((e: unknown) => e);
    expect(isValidationError(error) && error.message).toBe(
      'CustomerRegistered.data.emails[0].address: must be an email address (got "not-an-email")',
    );
    expect(await raw.headPosition()).toBe(0n);
  });

  it('leaves the inner store validating what is appended to it directly', async () => {
    const { raw, store } = validating();
    await store.appendToStream('customer-c-5', [
      { type: 'NoteAdded', data: { noteId: 'n', body: 'sealed' }, metadata: { customerId: 'c-5' } },
    ]);
    const [sealed] = (await raw.readStream('customer-c-5')).events;
    const copy = {
      type: 'CustomerRegistered',
      data: { kind: 'customer', emails: [{ address: (sealed!.data as { body: string }).body }] },
    };
    const error = await raw.appendToStream('customer-c-5', [copy]).catch((e: unknown) => e);
    expect(isValidationError(error) && error.message).toMatch(
      /^CustomerRegistered\.data\.emails\[0\]\.address: must be an email address \(got "rapport:enc:1:/,
    );
  });
});

eventStoreContract('protected over a validating in-memory store', {
  create: async ({ registry }) => {
    const raw = createInMemoryEventStore({ registry });
    const store = createProtectedEventStore({ store: raw, keyStore: createInMemoryKeyStore(), registry });
    return { store, teardown: () => store.close() };
  },
});

eventStoreContract('protected in-memory', {
  create: async ({ registry }) => {
    const raw = createInMemoryEventStore({ registry: false });
    const store = createProtectedEventStore({ store: raw, keyStore: createInMemoryKeyStore(), registry });
    return { store, teardown: () => store.close() };
  },
});

describe('erasure and subject access', () => {
  it('forgets a customer in one call that can be repeated', async () => {
    const { store, customers } = setup();
    await recordAda(customers);
    await forgetCustomer(
      { customers, store },
      { customerId: 'c-1', reason: 'subject_request', requestedBy: 'dpo' },
    );
    await forgetCustomer({ customers, store }, { customerId: 'c-1', reason: 'subject_request' });
    const history = await customers.history('c-1');
    expect(history.filter((e) => e.type === 'CustomerForgotten')).toHaveLength(1);
    expect(JSON.stringify(history.map((e) => e.data))).not.toContain('Lovelace');
  });

  it('exports everything held about a customer, including merged records, as JSON', async () => {
    const { store, customers } = setup();
    await recordAda(customers);
    await customers.execute({
      type: 'RegisterCustomer',
      data: { customerId: 'c-dup', kind: 'customer', emails: [{ address: 'ada@old.example.com' }] },
    });
    await customers.merge('c-1', 'c-dup');
    const exported = await exportCustomerData(store, 'c-1', new Date('2026-01-01T00:00:00Z'));
    expect(exported.absorbedIds).toEqual(['c-dup']);
    expect(exported.touchpoints.map((t) => t.type)).toEqual(
      expect.arrayContaining([
        'CustomerRegistered',
        'PurchaseCompleted',
        'NoteAdded',
        'CustomersMerged',
        'CustomerMergedInto',
      ]),
    );
    const text = JSON.stringify(exported);
    expect(text).toContain('ada@example.com');
    expect(text).toContain('ada@old.example.com');
    expect(JSON.parse(text).customerId).toBe('c-1');
  });
});
