import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { touchpointEvents } from '../catalog/index';
import { isRapportError } from '../errors/rapportError';
import { defineEvent } from '../registry/defineEvent';
import { createEventRegistry } from '../registry/eventRegistry';
import { touchpointRegistry } from '../registry/touchpointRegistry';
import { personal } from '../schema/personal';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { auditPersonalFields } from './auditPersonalFields';
import { createInMemoryKeyStore } from './keyStore';
import { createProtectedEventStore } from './protectedEventStore';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
};

const keyedByName = defineEvent({
  type: 'NicknamesNoted',
  family: 'identity',
  version: 1,
  description: 'nicknames by the person who used them',
  schema: z.strictObject({ byPerson: z.record(personal(z.string()), z.string()) }),
});

describe('auditing the personal fields of a registry', () => {
  it('lists every sealed leaf and every free string kept in clear, type by type', () => {
    // #region audit
    const audit = auditPersonalFields(touchpointRegistry); // or createEventRegistry([...yours])
    const keptInClear = audit.flatMap(({ type, version, clearStrings }) =>
      clearStrings.map((field) => `${type} v${version}: ${field.path}`),
    );
    // #endregion audit
    expect(keptInClear).toContain('ComplaintFiled v1: complaintId');
    expect(keptInClear).not.toContain('ComplaintFiled v1: description');
    expect([...new Set(audit.map((a) => a.type))]).toEqual(touchpointEvents.map((d) => d.type));
    // a type with upcasters is audited at each version it may be stored in
    expect(audit.filter((a) => a.type === 'PointsEarned').map((a) => a.version)).toEqual([1, 2]);
    const registered = audit.find((a) => a.type === 'CustomerRegistered')!;
    expect(registered.personal.map((f) => f.path)).toContain('emails[].address');
    const complaint = audit.find((a) => a.type === 'ComplaintFiled')!;
    expect(complaint.personal.map((f) => f.path)).toContain('description');
    expect(complaint.clearStrings.map((f) => f.path)).toContain('complaintId');
  });

  it('names the type and version of a schema whose personal data could not be sealed', () => {
    const error = thrown(() => auditPersonalFields(createEventRegistry([keyedByName])));
    expect(isRapportError(error, 'Configuration') && error.message).toMatch(
      /^NicknamesNoted v1: personal data cannot be the key of a record/,
    );
  });

  it('makes a protected store refuse such a registry when it is created, before any append', () => {
    const error = thrown(() =>
      createProtectedEventStore({
        store: createInMemoryEventStore({ registry: false }),
        keyStore: createInMemoryKeyStore(),
        registry: createEventRegistry([keyedByName]),
      }),
    );
    expect(isRapportError(error, 'Configuration') && error.message).toMatch(/^NicknamesNoted v1:/);
  });
});

describe("a protected store over a registry of the user's own event types", () => {
  const contactLogged = defineEvent({
    type: 'ContactLogged',
    family: 'communication',
    version: 1,
    description: 'a mail or a call, told apart by shape only',
    schema: z.strictObject({
      contact: z.union([
        z.strictObject({ mail: personal(z.email(), 'contact') }),
        z.strictObject({ callSeconds: personal(z.number().int(), 'free-text') }),
      ]),
    }),
  });

  it('seals every option of a plain union and reads each back as it was recorded', async () => {
    const raw = createInMemoryEventStore({ registry: false });
    const store = createProtectedEventStore({
      store: raw,
      keyStore: createInMemoryKeyStore(),
      registry: createEventRegistry([contactLogged]),
    });
    const contacts = [{ mail: 'grace.hopper@navy.mil' }, { callSeconds: 5550100 }];
    await store.appendToStream(
      'contacts-1',
      contacts.map((contact) => ({
        type: 'ContactLogged',
        data: { contact },
        metadata: { customerId: 'c-1' },
      })),
    );
    const text = JSON.stringify((await raw.readAll()).events.map((event) => event.data));
    expect(text).not.toContain('grace.hopper');
    expect(text).not.toContain('5550100');
    const read = (await store.readStream('contacts-1')).events.map((event) => event.data);
    expect(read).toEqual(contacts.map((contact) => ({ contact })));
    await store.shred('c-1');
    const erased = (await store.readStream('contacts-1')).events.map((event) => event.data);
    expect(erased).toEqual([{ contact: { mail: '[erased]' } }, { contact: { callSeconds: '[erased]' } }]);
  });
});
