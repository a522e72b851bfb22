import { arbitraryCustomerHistory, type CustomerHistoryStep, recordCustomerHistory } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRapportError } from '../errors/rapportError';
import type { RecordedEvent } from '../store/envelope';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { CustomerCommandInput } from './commands';
import { type CustomerService, createCustomerService } from './customerService';

type Line = { readonly sku: string; readonly quantity: number };
type Purchase = { orderId: string; total: number; lines: readonly Line[] };
type Refund = { orderId: string; kind: string; amount: number; lines?: readonly Line[] };

/** Every way the log breaks the refund laws: refunded over paid, returned over bought, a refund before its order. */
const brokenLaws = (events: readonly RecordedEvent[]): string[] => {
  const orders = new Map<string, { total: number; at: string; bought: Map<string, number> }>();
  const refunded = new Map<string, number>();
  const returned = new Map<string, number>();
  const broken: string[] = [];
  for (const { type, data, metadata } of events) {
    if (type === 'PurchaseCompleted') {
      const { orderId, total, lines } = data as Purchase;
      const bought = new Map<string, number>();
      for (const { sku, quantity } of lines) bought.set(sku, (bought.get(sku) ?? 0) + quantity);
      orders.set(orderId, { total, at: metadata.occurredAt, bought });
    }
    if (type !== 'OrderRefunded') continue;
    const { orderId, kind, amount, lines = [] } = data as Refund;
    const order = orders.get(orderId)!;
    refunded.set(orderId, (refunded.get(orderId) ?? 0) + amount);
    if (refunded.get(orderId)! > order.total)
      broken.push(`${orderId}: refunded over the ${order.total} paid`);
    if (metadata.occurredAt < order.at)
      broken.push(`${orderId}: refund at ${metadata.occurredAt}, before it`);
    if (kind === 'refund' && lines.length > 0) broken.push(`${orderId}: a refund with lines`);
    if (kind !== 'return') continue;
    for (const { sku, quantity } of lines) {
      const key = `${orderId}/${sku}`;
      returned.set(key, (returned.get(key) ?? 0) + quantity);
      if (returned.get(key)! > (order.bought.get(sku) ?? 0))
        broken.push(`${key}: returned over what was bought`);
    }
  }
  return broken;
};

const logOf = async (store: ReturnType<typeof createInMemoryEventStore>) =>
  (await store.readAll({ maxCount: 10_000 })).events;

/** A command the history did not plan, sent after one of its steps: a stray refund or return, or an unmerge. */
const stray = fc.record({
  // after which step, as a share of the history
  after: fc.integer({ min: 0, max: 999 }),
  // mostly to the record that holds the order now, else to any
  kind: fc.constantFrom('return', 'return', 'refund', 'unmerge'),
  toHolder: fc.boolean(),
  who: fc.nat({ max: 2 }),
  other: fc.nat({ max: 2 }),
  order: fc.nat(),
  // the history's SKUs, and one no order has
  sku: fc.constantFrom('sku-1', 'sku-2', 'sku-3', 'sku-4', 'sku-5', 'sku-0'),
  quantity: fc.integer({ min: 1, max: 4 }),
  amount: fc.integer({ min: 0, max: 2_000 }),
  withLines: fc.boolean(),
  // how long before the step it is dated
  earlierMs: fc.constantFrom(0, 0, 60_000, 30 * 86_400_000),
});
type Stray = typeof stray extends fc.Arbitrary<infer T> ? T : never;

/** An order the history placed: by whom, and in what currency. */
type Placed = { readonly orderId: string; readonly buyer: string; readonly currency: string };

/**
 * Runs a stray command; a refusal must be a typed error, and is returned as `code: message`, marked `(moved)` when
 * the order was bought on another record (a merge moved it there, or the command addresses the wrong record).
 */
const send = async (
  customers: CustomerService,
  item: Stray,
  orders: readonly Placed[],
  step: CustomerHistoryStep,
  index: number,
): Promise<string> => {
  const order = orders[item.order % orders.length];
  const holder = async (orderId: string) => {
    for (const id of ['c1', 'c2', 'c3']) {
      const state = await customers.state(id);
      if (state.status === 'customer' && state.orders.has(orderId)) return id;
    }
    return undefined;
  };
  const held = item.toHolder && order !== undefined ? await holder(order.orderId) : undefined;
  const [who, other] = [held ?? `c${item.who + 1}`, `c${item.other + 1}`];
  const occurredAt = new Date(Date.parse(step.occurredAt) - item.earlierMs).toISOString();
  const run = async () => {
    if (item.kind === 'unmerge') return void (await customers.unmerge(who, other));
    if (order === undefined) return;
    const command: CustomerCommandInput = {
      type: 'RecordRefund',
      data: {
        customerId: who,
        orderId: order.orderId,
        refundId: `stray-${index}`,
        kind: item.kind === 'return' ? 'return' : 'refund',
        amount: item.amount,
        currency: order.currency,
        reason: 'other',
        ...(item.kind === 'return' || item.withLines
          ? { lines: [{ sku: item.sku, quantity: item.quantity }] }
          : {}),
      },
    };
    await customers.execute(command, { metadata: { occurredAt } });
  };
  const moved = order !== undefined && item.kind !== 'unmerge' && order.buyer !== who ? ' (moved)' : '';
  return run().then(
    () => `accepted${moved}`,
    (error: unknown) => {
      if (!isRapportError(error)) throw error;
      return `${error.code}: ${error.message}${moved}`;
    },
  );
};

/** Records the history with the stray commands among its steps; returns the store and what each stray met. */
const recordWithStrays = async (history: readonly CustomerHistoryStep[], strays: readonly Stray[]) => {
  const store = createInMemoryEventStore();
  const customers = createCustomerService(store);
  const outcomes: string[] = [];
  const orders: Placed[] = [];
  for (const [index, step] of history.entries()) {
    const options = { metadata: { occurredAt: step.occurredAt } };
    // an unmerge the history did not plan can make its later steps wrong: those are refused, typed
    const done =
      step.kind === 'merge'
        ? customers.merge(step.survivorId, step.absorbedId, options)
        : customers.execute(step.command, options);
    await done.catch((error: unknown) => {
      if (!isRapportError(error)) throw error;
    });
    if (step.kind === 'command' && step.command.type === 'RecordPurchase') {
      const { orderId, customerId, currency } = step.command.data;
      orders.push({ orderId, buyer: customerId, currency });
    }
    for (const [n, item] of strays.entries()) {
      if (Math.floor((item.after * history.length) / 1000) === index)
        outcomes.push(await send(customers, item, orders, step, n));
    }
  }
  return { store, outcomes };
};

describe('given any coherent customer history', () => {
  it('the service records every step, and no order is refunded over what was paid, returned over what was bought, or refunded before it was placed', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCustomerHistory({ maxSteps: 50 }), async (history) => {
        const store = createInMemoryEventStore();
        await recordCustomerHistory(createCustomerService(store), history);
        expect(brokenLaws(await logOf(store))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('given any coherent history with stray refunds, returns and unmerges sent among its steps', () => {
  it('the laws still hold, through merges and unmerges: what breaks them is refused with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryCustomerHistory({ maxSteps: 40 }).filter((history) => history.length > 0),
        fc.array(stray, { maxLength: 20 }),
        async (history, strays) => {
          const { store } = await recordWithStrays(history, strays);
          expect(brokenLaws(await logOf(store))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('meets each refusal of the refund rules, so the law above is not met by chance', async () => {
    const seen = new Set<string>();
    const samples = fc.sample(
      fc.tuple(
        arbitraryCustomerHistory({ maxSteps: 40 }).filter((history) => history.length > 0),
        fc.array(stray, { minLength: 15, maxLength: 25 }),
      ),
      { numRuns: 150, seed: 11 },
    );
    for (const [history, strays] of samples) {
      for (const outcome of (await recordWithStrays(history, strays)).outcomes) {
        const moved = outcome.endsWith(' (moved)') && !outcome.startsWith('NotFound') ? ', moved' : '';
        if (outcome.includes('before order')) seen.add(`dated before the order${moved}`);
        if (outcome.includes('must be a SKU on order')) seen.add(`SKU not on the order${moved}`);
        if (outcome.includes('still returnable')) seen.add(`more than was bought${moved}`);
        if (outcome.includes('must be left out of a `refund`')) seen.add('a refund with lines');
        if (outcome.startsWith('accepted')) seen.add(`accepted${moved}`);
      }
    }
    // `moved`: on the survivor of a merge, or on the record an unmerge gave the order back to
    expect([...seen].sort()).toEqual([
      'SKU not on the order',
      'SKU not on the order, moved',
      'a refund with lines',
      'accepted',
      'accepted, moved',
      'dated before the order',
      'dated before the order, moved',
      'more than was bought',
      'more than was bought, moved',
    ]);
  }, 60_000);
});
