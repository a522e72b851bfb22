import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRapportError } from '../errors/rapportError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { createCustomerService } from './customerService';

const ids = ['a', 'b'] as const;
const op = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      who: fc.constantFrom(...ids),
      n: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      // mostly the record that holds the order now, sometimes one that may not
      who: fc.constantFrom('holder', 'holder', ...ids),
      order: fc.constantFrom('a0', 'a1', 'a2', 'b0', 'b1', 'b2'),
      amount: fc.integer({ min: 1, max: 400 }),
    }),
  },
  fc.record({ kind: fc.constant('merge' as const), into: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant('unmerge' as const), from: fc.constantFrom(...ids) }),
);

describe('given any interleaving of purchases, refunds, merges and unmerges of two records', () => {
  it('every order is held by one open record at most, and its refunds never exceed its total', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        const customers = createCustomerService(createInMemoryEventStore());
        for (const customerId of ids)
          await customers.execute({ type: 'RegisterCustomer', data: { customerId, kind: 'customer' } });
        const totals = new Map<string, number>();
        const holders = new Map<string, Set<string>>();
        for (const [i, item] of ops.entries()) {
          const other = (id: string) => (id === 'a' ? 'b' : 'a');
          const run = async () => {
            if (item.kind === 'buy') {
              const orderId = `${item.who}${item.n}`;
              const total = 500 + i;
              await customers.execute({
                type: 'RecordPurchase',
                data: {
                  customerId: item.who,
                  orderId,
                  lines: [],
                  total,
                  currency: 'USD',
                  paymentMethod: 'card',
                },
              });
              totals.set(orderId, total);
            } else if (item.kind === 'refund') {
              const holder = ids.find((id) => holders.get(id)?.has(item.order)) ?? 'a';
              await customers.execute({
                type: 'RecordRefund',
                data: {
                  customerId: item.who === 'holder' ? holder : item.who,
                  orderId: item.order,
                  refundId: `r${i}`,
                  kind: 'refund',
                  amount: item.amount,
                  currency: 'USD',
                  reason: 'other',
                },
              });
            } else if (item.kind === 'merge') await customers.merge(item.into, other(item.into));
            else await customers.unmerge(other(item.from), item.from);
          };
          await run().catch((error: unknown) => {
            if (!isRapportError(error)) throw error;
          });
          const states = await Promise.all(ids.map((id) => customers.state(id)));
          const open = states.filter((s) => s.status === 'customer');
          for (const [k, id] of ids.entries())
            holders.set(id, new Set(states[k]!.status === 'customer' ? states[k]!.orders.keys() : []));
          expect(open.length).toBeGreaterThanOrEqual(1);
          const history = [...(await customers.history('a')), ...(await customers.history('b'))];
          for (const [orderId, total] of totals) {
            const holding = open.filter((s) => s.orders.has(orderId));
            expect(holding.length).toBeLessThanOrEqual(1);
            const refunded = history
              .filter(
                (e) => e.type === 'OrderRefunded' && (e.data as { orderId: string }).orderId === orderId,
              )
              .reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0);
            expect(refunded).toBeLessThanOrEqual(total);
            if (holding[0]) expect(holding[0].orders.get(orderId)!.refunded).toBe(refunded);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
