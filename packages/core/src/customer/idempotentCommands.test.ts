import { arbitraryCustomerHistory } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../decider/handleCommand';
import { createInMemorySnapshotStore } from '../decider/snapshotStore';
import { isIdempotencyKeyReused } from '../errors/guards';
import { createInMemoryKeyStore } from '../privacy/keyStore';
import { createProtectedEventStore } from '../privacy/protectedEventStore';
import type { EventStore } from '../store/eventStore';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { CustomerCommandInput } from './commands';
import { createCustomerService } from './customerService';
import type { CustomerState } from './state';

const purchase = (orderId: string, total: number): CustomerCommandInput => ({
  type: 'RecordPurchase',
  data: {
    customerId: 'ada',
    orderId,
    lines: [
      { sku: 'CD-42', name: 'Analytical Engine Suite', category: 'classical', quantity: 1, unitPrice: total },
    ],
    total,
    currency: 'USD',
    paymentMethod: 'card',
  },
});

const stores: [string, () => EventStore][] = [
  ['a plain store', () => createInMemoryEventStore()],
  [
    'a store that encrypts personal data',
    () =>
      createProtectedEventStore({
        store: createInMemoryEventStore({ registry: false }),
        keyStore: createInMemoryKeyStore(),
      }),
  ],
];

describe.each(stores)('commands with idempotency keys, on %s', (_, createStore) => {
  describe.each([false, true])('keeping snapshots: %s', (snapshotting) => {
    const setup = async () => {
      const store = createStore();
      const customers = createCustomerService(
        store,
        snapshotting ? { snapshots: createInMemorySnapshotStore<CustomerState>() } : {},
      );
      await customers.execute(
        {
          type: 'RegisterCustomer',
          data: { customerId: 'ada', kind: 'customer', emails: [{ address: 'ada@example.com' }] },
        },
        { idempotencyKey: 'signup-1' },
      );
      return { store, customers };
    };

    it('refuse a key used for one purchase when it comes with another, naming the key, and record nothing', async () => {
      const { customers } = await setup();
      // #region key-reuse
      const first = await customers.execute(purchase('o-1', 2598), { idempotencyKey: 'checkout-1001' });
      // another purchase sent with the same key by mistake: refused, and nothing is recorded
      const error = await customers
        .execute(purchase('o-2', 4200), { idempotencyKey: 'checkout-1001' })
        .catch((e: unknown) => e);
      expect(isIdempotencyKeyReused(error)).toBe(true);
      expect((error as Error).message).toBe(
        'idempotency key "checkout-1001" was already used on stream customer-ada for other events ' +
          '(events[0].data.orderId differs): a retry must repeat the same events, a new request needs a new key',
      );
      // #endregion key-reuse
      expect(isIdempotencyKeyReused(error) && error.data).toMatchObject({
        idempotencyKey: 'checkout-1001',
        streamId: 'customer-ada',
        difference: 'events[0].data.orderId',
        firstRevision: '1',
        lastRevision: '1',
      });
      const history = await customers.history('ada');
      expect(history.filter((e) => e.type === 'PurchaseCompleted')).toHaveLength(1);
      // the purchase first recorded under the key is still its answer
      const again = await customers.execute(purchase('o-1', 2598), { idempotencyKey: 'checkout-1001' });
      expect(again.duplicate).toBe(true);
      expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    });

    it('refuse a key used for one kind of command when it comes with another, or with other event time or channel', async () => {
      const { customers } = await setup();
      const tag = { type: 'AddTag', data: { customerId: 'ada', tag: 'vip' } } as const;
      await customers.execute(tag, {
        idempotencyKey: 'req-7',
        metadata: { channel: 'web', occurredAt: '2026-03-02T10:00:00Z' },
      });
      const refusals = [
        customers.execute(
          { type: 'SetCustomAttribute', data: { customerId: 'ada', key: 'tier', value: 'gold' } },
          { idempotencyKey: 'req-7' },
        ),
        customers.execute(tag, { idempotencyKey: 'req-7', metadata: { channel: 'phone' } }),
        customers.execute(tag, {
          idempotencyKey: 'req-7',
          metadata: { channel: 'web', occurredAt: '2026-03-03T10:00:00Z' },
        }),
      ];
      for (const refusal of refusals) await expect(refusal).rejects.toSatisfy(isIdempotencyKeyReused);
      // a retry may come from another actor or request, with the time left to the store
      const retry = await customers.execute(tag, {
        idempotencyKey: 'req-7',
        metadata: { channel: 'web', actor: 'retrier', correlationId: 'r-2' },
      });
      expect(retry.duplicate).toBe(true);
    });

    it('refuse a key whose command the rules refuse on the state its events were decided on', async () => {
      const { customers } = await setup();
      // first used for a registration: the same key on a refund cannot be its retry
      const error = await customers
        .execute(
          {
            type: 'RecordRefund',
            data: {
              customerId: 'ada',
              orderId: 'o-1',
              refundId: 'r-1',
              kind: 'refund',
              amount: 10,
              currency: 'USD',
              reason: 'defective',
            },
          },
          { idempotencyKey: 'signup-1' },
        )
        .catch((e: unknown) => e);
      expect(isIdempotencyKeyReused(error)).toBe(true);
      expect((error as Error).cause).toBeDefined();
    });
  });
});

describe('a command racing itself under one key', () => {
  it('is a duplicate even when the winner decided on a later state and recorded other events', async () => {
    const store = createInMemoryEventStore();
    const customers = createCustomerService(store);
    await customers.execute({ type: 'RegisterCustomer', data: { customerId: 'ada', kind: 'prospect' } });
    // the late execution appends only once the others are done: it decided on the prospect
    let appending!: () => void;
    const appended = new Promise<void>((resolve) => {
      appending = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    const gated: EventStore = {
      ...store,
      appendToStream: async (...args) => {
        if (!held) {
          held = true;
          appending();
          await released;
        }
        return store.appendToStream(...args);
      },
    };
    const late = createCustomerService(gated).execute(purchase('o-1', 2598), {
      idempotencyKey: 'checkout-1',
    });
    await appended;
    await customers.execute(purchase('o-0', 100)); // now a customer: o-1 no longer converts a prospect
    const first = await customers.execute(purchase('o-1', 2598), { idempotencyKey: 'checkout-1' });
    expect(first.events.map((e) => e.type)).toEqual(['PurchaseCompleted']);
    release();
    const retried = await late;
    expect(retried.duplicate).toBe(true);
    expect(retried.events).toEqual(first.events);
  });
});

describe('given any coherent history recorded with a key per command', () => {
  it('retrying every command with its key and options answers what was first recorded', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCustomerHistory({ maxSteps: 25 }), fc.boolean(), async (history, protect) => {
        const store = protect
          ? createProtectedEventStore({
              store: createInMemoryEventStore({ registry: false }),
              keyStore: createInMemoryKeyStore(),
            })
          : createInMemoryEventStore();
        const customers = createCustomerService(store);
        const run = (index: number) => {
          const step = history[index]!;
          const options = { idempotencyKey: `step-${index}`, metadata: { occurredAt: step.occurredAt } };
          return step.kind === 'merge'
            ? customers.merge(step.survivorId, step.absorbedId, options)
            : customers.execute(step.command, options);
        };
        const first = [];
        for (const index of history.keys()) {
          first.push(await run(index));
          await run(index); // at once, as a timed-out request is retried (a merge re-run finishes or does nothing)
        }
        // later too, after other commands: a command's retry is answered from what its key recorded
        for (const [index, step] of history.entries()) {
          if (step.kind === 'merge') continue;
          const again = (await run(index)) as CommandResult<CustomerState>;
          const recorded = first[index] as CommandResult<CustomerState>;
          if (recorded.events.length === 0) continue; // recorded nothing, so its key is still free
          expect(again.duplicate).toBe(true);
          expect(again.events).toEqual(recorded.events);
        }
      }),
      { numRuns: 40 },
    );
  });
});
