import {
  type CustomerCommandInput,
  createCustomerService,
  createFakeClock,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  createProtectedEventStore,
  type ProtectedEventStore,
} from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
  type ReadModelStore,
} from '@rapport/projections';
import { arbitraryCustomerHistory, type CustomerHistoryStep, recordCustomerHistory } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../__fixtures__/events';
import type { CustomerProfile } from './customerProfile';
import { profileProjection } from './profileProjection';
import { netSpent } from './selectors';

/** Every personal string below carries one of these; none may be left in a forgotten profile. */
const PERSONAL = /Grace|Hopper|navy\.mil|555 0100|Navy Way/;

/** The drawn command with personal data in every field a person fills in: contact, tags, attributes, free text. */
const personalise = (command: CustomerCommandInput): CustomerCommandInput => {
  const id = command.data.customerId;
  switch (command.type) {
    case 'RegisterCustomer':
      return {
        ...command,
        data: {
          ...command.data,
          name: { given: `Grace ${id}`, family: 'Hopper' },
          emails: [{ address: `grace.${id}@navy.mil` }],
          phones: [{ number: '+1 555 0100' }],
          addresses: [{ lines: [`1 Navy Way ${id}`], country: 'US' }],
        },
      };
    case 'AddTag':
    case 'RemoveTag':
      return { ...command, data: { ...command.data, tag: `${command.data.tag} grace.${id}@navy.mil` } };
    case 'SetCustomAttribute':
      return typeof command.data.value === 'string'
        ? { ...command, data: { ...command.data, value: `Grace B. Hopper ${command.data.value}` } }
        : command;
    case 'RecordTouchpoint': {
      const { event } = command.data;
      const text =
        event.type === 'TicketOpened'
          ? { subject: 'Grace Hopper, 1 Navy Way' }
          : event.type === 'ComplaintFiled'
            ? { description: 'call Grace at +1 555 0100' }
            : undefined;
      if (text === undefined) return command;
      return {
        ...command,
        data: { ...command.data, event: { ...event, data: { ...event.data, ...text } } },
      } as CustomerCommandInput;
    }
    default:
      return command;
  }
};

const withPersonalData = (history: readonly CustomerHistoryStep[]): CustomerHistoryStep[] =>
  history.flatMap((step): CustomerHistoryStep[] => {
    if (step.kind !== 'command') return [step];
    const command = personalise(step.command);
    if (command.type !== 'RegisterCustomer') return [{ ...step, command }];
    const note: CustomerCommandInput = {
      type: 'RecordTouchpoint',
      data: {
        customerId: command.data.customerId,
        event: {
          type: 'NoteAdded',
          data: { noteId: `n-${command.data.customerId}`, body: 'Grace prefers calls' },
        },
      },
    };
    return [
      { ...step, command },
      { ...step, command: note },
    ];
  });

/** What a profile holds that is not personal, in its own part and every absorbed one. */
const factsOf = (profile: CustomerProfile | undefined): unknown => {
  if (profile === undefined) return undefined;
  // the erasure is dated like any fact, so the profile's time (and the stage worked out at it) may move to it
  const {
    contact: _c,
    personal: _p,
    attributes: _a,
    tags: _t,
    forgotten: _f,
    asOf: _at,
    stage: _s,
    identity,
    ...facts
  } = profile;
  if (identity === undefined) return facts;
  const parts = Object.entries(identity.parts ?? {}).map(([id, part]) => [id, factsOf(part)]);
  return { ...facts, own: factsOf(identity.own), parts: Object.fromEntries(parts) };
};

describe('given any customer history with personal data everywhere a person writes', () => {
  it('forgetting one customer erases every personal string of theirs, live and after a rebuild, and changes no fact', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCustomerHistory({ maxSteps: 30 }), fc.nat(), async (drawn, pick) => {
        const history = withPersonalData(drawn);
        const store = createProtectedEventStore({
          store: createInMemoryEventStore(),
          keyStore: createInMemoryKeyStore(),
        });
        const customers = createCustomerService(store);
        await recordCustomerHistory(customers, history);
        const ids = [
          ...new Set(history.flatMap((s) => (s.kind === 'command' ? [s.command.data.customerId] : []))),
        ];
        const open: string[] = [];
        for (const id of ids) if ((await customers.state(id)).status !== 'merged') open.push(id);
        fc.pre(open.length > 0);
        const target = open[pick % open.length]!;
        const read = async () => (await store.readAll({ maxCount: 100_000 })).events;

        const before = await read();
        const unforgotten = fold(before);
        // at the last step's time, so that no timer falls between the two folds
        const { events } = await customers.execute(
          { type: 'ForgetCustomer', data: { customerId: target, reason: 'subject_request' } },
          { metadata: { occurredAt: history.at(-1)!.occurredAt } },
        );
        const live = fold([...before, ...events]);
        const rebuilt = fold(await read());

        for (const documents of [live, rebuilt]) {
          const profile = documents.get(target)!;
          expect(JSON.stringify(profile)).not.toMatch(PERSONAL);
          expect(factsOf(profile)).toEqual(factsOf(unforgotten.get(target)));
          const erasedAt = Date.parse(history.at(-1)!.occurredAt);
          expect(profile.asOf).toBe(Math.max(unforgotten.get(target)!.asOf, erasedAt));
          for (const currency of ['USD', 'EUR', 'GBP'])
            expect(netSpent(profile, currency)).toBe(netSpent(unforgotten.get(target)!, currency));
          for (const [key, other] of unforgotten)
            if (key !== target) expect(documents.get(key)).toEqual(other);
        }
        expect(rebuilt).toEqual(live);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the profile runner', () => {
  const documentOf = async (readModels: ReadModelStore, key: string) =>
    createProjectionReader<CustomerProfile>(readModels, profileProjection.name).get(key);
  const catchUp = async (store: ProtectedEventStore, readModels: ReadModelStore) => {
    const runner = createProjectionRunner({
      projection: profileProjection,
      eventStore: store,
      readModels,
      clock: createFakeClock('2026-01-01T00:00:00Z'),
      tickIntervalMs: 0,
    });
    runner.start();
    await runner.waitForPosition(await store.headPosition());
    await runner.stop();
  };

  it('erases what it derived from personal data when it sees the erasure live, and shows the same after a rebuild', async () => {
    const store = createProtectedEventStore({
      store: createInMemoryEventStore(),
      keyStore: createInMemoryKeyStore(),
    });
    const customers = createCustomerService(store);
    const customerId = 'grace';
    const at = (occurredAt: string) => ({ metadata: { occurredAt } });
    const commands: CustomerCommandInput[] = [
      personalise({ type: 'RegisterCustomer', data: { customerId, kind: 'customer' } }),
      { type: 'AddTag', data: { customerId, tag: 'grace.hopper@navy.mil' } },
      {
        type: 'SetCustomAttribute',
        data: { customerId, key: 'loyalty_card_holder_name', value: 'Grace B. Hopper' },
      },
      {
        type: 'RecordPurchase',
        data: { customerId, orderId: 'o1', lines: [], total: 4200, currency: 'USD', paymentMethod: 'card' },
      },
      {
        type: 'RecordTouchpoint',
        data: {
          customerId,
          event: {
            type: 'ComplaintFiled',
            data: {
              complaintId: 'k1',
              severity: 'high',
              product: 'toaster',
              description: 'call Grace at +1 555 0100',
            },
          },
        },
      },
    ];
    for (const command of commands) await customers.execute(command, at('2025-01-02T00:00:00Z'));
    const live = createInMemoryReadModelStore();
    await catchUp(store, live);
    expect(JSON.stringify(await documentOf(live, customerId))).toMatch(PERSONAL);

    await customers.execute(
      { type: 'ForgetCustomer', data: { customerId, reason: 'subject_request' } },
      at('2025-01-03T00:00:00Z'),
    );
    await catchUp(store, live);
    const profile = await documentOf(live, customerId);
    expect(JSON.stringify(profile)).not.toMatch(PERSONAL);
    expect(profile).toMatchObject({
      commerce: { orders: 1, spent: { USD: { orders: 1, gross: 4200 } } },
      service: { complaints: { opened: 1, open: { k1: { severity: 'high', product: 'toaster' } } } },
      history: [{ fields: ['attributes.loyalty_card_holder_name'] }],
    });

    const rebuilt = createInMemoryReadModelStore();
    await catchUp(store, rebuilt);
    expect(await documentOf(rebuilt, customerId)).toEqual(profile);
  });
});
