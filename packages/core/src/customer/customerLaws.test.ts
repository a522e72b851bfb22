import { arbitraryTouchpointEvent } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider/decider';
import { isIdempotencyKeyReused } from '../errors/guards';
import { isRapportError } from '../errors/rapportError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { createCustomerService } from './customerService';
import { customerDecider, customerStreamId } from './decider';

const register = { type: 'RegisterCustomer' as const, data: { customerId: 'c1', kind: 'customer' as const } };

describe('given any history of touchpoints', () => {
  it('folding the stream in any batch split gives the same state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryTouchpointEvent(), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        async (events, pageSizes) => {
          const store = createInMemoryEventStore();
          if (events.length > 0) await store.appendToStream('customer-c1', events);
          const whole = foldEvents(customerDecider, (await store.readStream('customer-c1')).events);
          let state = customerDecider.initialState();
          let from = 0n;
          for (let page = 0; ; page++) {
            const size = pageSizes[page % pageSizes.length]!;
            const read = await store.readStream('customer-c1', { fromRevision: from, maxCount: size });
            if (read.events.length === 0) break;
            state = foldEvents(customerDecider, read.events, state);
            from += BigInt(read.events.length);
          }
          expect(state).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('given any sequence of purchases and refunds', () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('buy' as const),
      order: fc.constantFrom('o1', 'o2', 'o3'),
      // an order without lines records money paid: a purchase of nothing at all is refused (purchaseInput.test.ts)
      amount: fc.integer({ min: 1, max: 10_000 }),
    }),
    fc.record({
      kind: fc.constant('refund' as const),
      order: fc.constantFrom('o1', 'o2', 'o3'),
      // refunds cluster at the edge of the balance, where an off-by-one rule would show
      edge: fc.constantFrom(-1, 0, 1, null),
      amount: fc.integer({ min: 1, max: 12_000 }),
    }),
  );

  it('a refund never exceeds what was paid, and every refund within the balance is accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const customers = createCustomerService(createInMemoryEventStore());
        await customers.execute(register);
        const paid = new Map<string, number>();
        const refunded = new Map<string, number>();
        for (const [i, item] of ops.entries()) {
          const { kind, order } = item;
          const balance = (paid.get(order) ?? 0) - (refunded.get(order) ?? 0);
          const amount =
            item.kind === 'refund' && item.edge !== null ? Math.max(1, balance + item.edge) : item.amount;
          const command =
            kind === 'buy'
              ? {
                  type: 'RecordPurchase' as const,
                  data: {
                    customerId: 'c1',
                    orderId: order,
                    lines: [],
                    total: amount,
                    currency: 'USD',
                    paymentMethod: 'card' as const,
                  },
                }
              : {
                  type: 'RecordRefund' as const,
                  data: {
                    customerId: 'c1',
                    orderId: order,
                    refundId: `r${i}`,
                    kind: 'refund' as const,
                    amount,
                    currency: 'USD',
                    reason: 'other' as const,
                  },
                };
          const allowed =
            kind === 'buy'
              ? !paid.has(order)
              : paid.has(order) && amount <= paid.get(order)! - (refunded.get(order) ?? 0);
          const outcome = await customers.execute(command).then(
            () => 'accepted',
            (error: unknown) => {
              if (!isRapportError(error)) throw error;
              return 'refused';
            },
          );
          expect(outcome).toBe(allowed ? 'accepted' : 'refused');
          if (allowed && kind === 'buy') paid.set(order, amount);
          if (allowed && kind === 'refund') refunded.set(order, (refunded.get(order) ?? 0) + amount);
        }
        const history = await customers.history('c1');
        for (const [order, total] of paid) {
          const sum = history
            .filter((e) => e.type === 'OrderRefunded' && (e.data as { orderId: string }).orderId === order)
            .reduce((s, e) => s + (e.data as { amount: number }).amount, 0);
          expect(sum).toBeLessThanOrEqual(total);
          expect(sum).toBe(refunded.get(order) ?? 0);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('given a stream of any length', () => {
  it('an append with a stale expected revision always fails and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        async (length, pick, batch) => {
          const store = createInMemoryEventStore({ registry: false });
          for (let i = 0; i < length; i++) await store.appendToStream('s', [{ type: 'X', data: { i } }]);
          const stale = [
            ...Array.from({ length: length - 1 }, (_, i) => BigInt(i)),
            'no_stream' as const,
            BigInt(length + (pick % 3)),
          ];
          const expected = stale[pick % stale.length]!;
          const head = await store.headPosition();
          const error = await store
            .appendToStream(
              's',
              Array.from({ length: batch }, () => ({ type: 'X', data: {} })),
              { expectedRevision: expected },
            )
            .catch((e: unknown) => e);
          expect(isRapportError(error, 'ConcurrencyConflict')).toBe(true);
          expect(await store.headPosition()).toBe(head);
          expect((await store.readStream('s')).revision).toBe(BigInt(length - 1));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('given commands repeated with idempotency keys', () => {
  it('each key records one command once: its repeats get that result, another command under it is refused', async () => {
    const command = fc.record({
      key: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
      tag: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      copies: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
        const store = createInMemoryEventStore();
        const customers = createCustomerService(store);
        await customers.execute(register);
        const tags = new Set<string>();
        const recordedKeys = new Map<string, string>();
        for (const { key, tag, copies } of commands) {
          const run = () =>
            customers.execute({ type: 'AddTag', data: { customerId: 'c1', tag } }, { idempotencyKey: key });
          const outcomes = await Promise.allSettled(Array.from({ length: copies }, run));
          const recordedTag = recordedKeys.get(key);
          for (const outcome of outcomes) {
            if (recordedTag !== undefined && recordedTag !== tag) {
              expect(outcome.status === 'rejected' && isIdempotencyKeyReused(outcome.reason)).toBe(true);
            } else expect(outcome.status).toBe('fulfilled');
          }
          if (recordedTag === undefined && !tags.has(tag)) {
            tags.add(tag);
            recordedKeys.set(key, tag);
          }
        }
        const events = (await store.readStream(customerStreamId('c1'))).events.slice(1);
        expect(events.map((e) => (e.data as { tag: string }).tag).sort()).toEqual([...tags].sort());
        const keys = events.map((e) => e.metadata.idempotencyKey);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(recordedKeys.keys()));
      }),
      { numRuns: 80 },
    );
  });
});
