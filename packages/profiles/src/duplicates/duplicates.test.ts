import {
  createCustomerService,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  createProtectedEventStore,
  type EventStore,
  forgetCustomer,
} from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
  foldProjection,
} from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { createDuplicateIndex, duplicateCandidates } from './duplicateCandidates';
import { createDuplicatesProjection, duplicatesProjection } from './duplicatesProjection';
import type { MatchKeys } from './matchKeys';

const email = (address: string) => ({ address });
const phone = (number: string) => ({ number });

// protected, so that ForgetCustomer can erase
const shop = (
  store: EventStore = createProtectedEventStore({
    store: createInMemoryEventStore(),
    keyStore: createInMemoryKeyStore(),
  }),
) => {
  const customers = createCustomerService(store);
  const register = (
    customerId: string,
    contact: { emails?: { address: string }[]; phones?: { number: string }[] },
  ) => customers.execute({ type: 'RegisterCustomer', data: { customerId, kind: 'customer', ...contact } });
  const documents = async (projection = duplicatesProjection) =>
    foldProjection(projection, (await store.readAll({ maxCount: 10_000 })).events).documents;
  const suggest = async (customerId: string, projection = duplicatesProjection) =>
    duplicateCandidates(await documents(projection), customerId);
  return { store, customers, register, documents, suggest };
};

describe('duplicate suggestions', () => {
  it('pair records that share a normalised email or phone, naming what they share', async () => {
    const { register, suggest } = await shop();
    await register('kim', { emails: [email('Kim@Example.com')], phones: [phone('+44 20 7946 0018')] });
    await register('kim2', { emails: [email('KIM@example.com')], phones: [phone('+44 (20) 7946-0018')] });
    await register('lee', { emails: [email('lee@example.com')] });
    expect(await suggest('kim')).toEqual([
      {
        customerId: 'kim2',
        reasons: [
          { kind: 'email', value: 'kim@example.com' },
          { kind: 'phone', value: '+442079460018' },
        ],
      },
    ]);
    expect((await suggest('kim2')).map((c) => c.customerId)).toEqual(['kim']);
    expect(await suggest('lee')).toEqual([]);
  });

  it('match national numbers once a default country code is configured', async () => {
    const { register, suggest } = await shop();
    await register('a', { phones: [phone('020 7946 0018')] });
    await register('b', { phones: [phone('+44 20 7946 0018')] });
    expect(await suggest('a')).toEqual([]);
    const uk = createDuplicatesProjection({ defaultCountryCode: '44' });
    expect(await suggest('a', uk)).toEqual([
      { customerId: 'b', reasons: [{ kind: 'phone', value: '+442079460018' }] },
    ]);
  });

  it('stop pairing records once the shared identifier is removed from one of them', async () => {
    const { customers, register, suggest } = await shop();
    await register('a', { emails: [email('x@example.com'), email('a@example.com')] });
    await register('b', { emails: [email('x@example.com')] });
    await customers.execute({
      type: 'ChangeContactDetails',
      data: { customerId: 'a', changes: { emails: [email('a@example.com')] } },
    });
    expect(await suggest('a')).toEqual([]);
    expect(await suggest('b')).toEqual([]);
  });

  it('drop an absorbed record from suggestions, let its identifiers speak for the survivor, and bring it back on unmerge', async () => {
    const { customers, register, suggest, documents } = await shop();
    await register('keep', { emails: [email('k@example.com')] });
    await register('dup', { emails: [email('k@example.com')], phones: [phone('+1 555 010 0199')] });
    await register('other', { phones: [phone('+1 (555) 010-0199')] });
    expect((await suggest('keep')).map((c) => c.customerId)).toEqual(['dup']);
    await customers.merge('keep', 'dup');
    expect(await suggest('keep')).toEqual([
      { customerId: 'other', reasons: [{ kind: 'phone', value: '+15550100199' }] },
    ]);
    expect(await suggest('dup')).toEqual([]);
    expect((await suggest('other')).map((c) => c.customerId)).toEqual(['keep']);
    await customers.unmerge('keep', 'dup');
    expect((await suggest('keep')).map((c) => c.customerId)).toEqual(['dup']);
    expect((await suggest('dup')).map((c) => c.customerId)).toEqual(['keep', 'other']);
    expect(
      createDuplicateIndex(await documents())
        .pairs()
        .map(({ a, b }) => `${a}+${b}`),
    ).toEqual(['dup+keep', 'dup+other']);
  });

  it('never match a forgotten customer, even through records merged into it', async () => {
    const { customers, register, suggest, documents } = await shop();
    await register('a', { emails: [email('same@example.com')] });
    await register('b', { emails: [email('same@example.com')] });
    await register('c', { phones: [phone('+44 20 7946 0000')] });
    await register('d', { phones: [phone('+44 20 7946 0000')] });
    await customers.merge('b', 'c');
    await customers.execute({ type: 'ForgetCustomer', data: { customerId: 'b', reason: 'subject_request' } });
    expect(await suggest('a')).toEqual([]);
    expect(await suggest('d')).toEqual([]);
    expect(await suggest('b')).toEqual([]);
    expect((await documents()).get('b')).toEqual({ forgotten: true });
  });

  it('find nothing in crypto-shredded data, whose identifiers read as erased', async () => {
    const store = createProtectedEventStore({
      store: createInMemoryEventStore({ registry: false }),
      keyStore: createInMemoryKeyStore(),
    });
    const { customers, register, suggest } = await shop(store);
    await register('a', { emails: [email('same@example.com')], phones: [phone('+44 20 7946 0000')] });
    await register('b', { emails: [email('same@example.com')], phones: [phone('+44 20 7946 0000')] });
    await register('c', { emails: [email('same@example.com')] });
    await forgetCustomer({ customers, store }, { customerId: 'a', reason: 'subject_request' });
    // keys destroyed without the erasure being recorded: what is left reads as erased, and erased never matches
    await store.shred('b');
    expect(await suggest('c')).toEqual([]);
    expect(await suggest('b')).toEqual([]);
  });

  it('answer from the live read model through a reader', async () => {
    const { store, register } = await shop();
    await register('a', { emails: [email('same@example.com')] });
    await register('b', { emails: [email('SAME@example.com')] });
    const readModels = createInMemoryReadModelStore();
    const runner = createProjectionRunner({
      projection: duplicatesProjection,
      eventStore: store,
      readModels,
    });
    runner.start();
    await runner.waitForPosition(await store.headPosition());
    await runner.stop();
    const reader = createProjectionReader<MatchKeys>(readModels, duplicatesProjection.name);
    expect((await duplicateCandidates(reader, 'a')).map((c) => c.customerId)).toEqual(['b']);
  });
});
