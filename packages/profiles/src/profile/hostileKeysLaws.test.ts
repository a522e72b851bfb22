import { createCustomerService, createInMemoryEventStore, isRapportError } from '@rapport/core';
import { arbitraryUserKey } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../__fixtures__/events';
import { currentTags } from './selectors';

/** An id the catalog accepts (it starts with a letter or digit, so `__proto__` is none; `constructor` is one). */
const asId = (key: string) => /^[A-Za-z0-9]/.test(key);
const idKey = arbitraryUserKey({ pool: ['o1', 'o2'], filter: asId });

type Step =
  | {
      readonly kind: 'buy';
      readonly orderId: string;
      readonly category: string;
      readonly sku: string;
      readonly quantity: number;
    }
  | { readonly kind: 'tag' | 'untag'; readonly tag: string }
  | { readonly kind: 'attribute'; readonly key: string; readonly value: number }
  | { readonly kind: 'open' | 'resolve'; readonly ticketId: string }
  | { readonly kind: 'invoice' | 'pay'; readonly invoiceId: string };

const arbitraryStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('buy' as const),
    orderId: idKey,
    category: arbitraryUserKey({ pool: ['jazz', 'rock'] }),
    sku: arbitraryUserKey({ pool: ['sku-1', 'sku-2'] }),
    quantity: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constantFrom('tag' as const, 'untag' as const),
    tag: arbitraryUserKey({ pool: ['vip', 'eu'] }),
  }),
  fc.record({
    kind: fc.constant('attribute' as const),
    key: arbitraryUserKey({ pool: ['tier', 'region'], filter: (key) => /^[a-zA-Z]/.test(key) }),
    value: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constantFrom('open' as const, 'resolve' as const), ticketId: idKey }),
  fc.record({ kind: fc.constantFrom('invoice' as const, 'pay' as const), invoiceId: idKey }),
);

/** What the events say, kept in Maps and Sets: the model the profile must match key for key. */
interface Model {
  readonly orders: Set<string>;
  readonly categories: Map<string, number>;
  readonly tags: Set<string>;
  readonly attributes: Map<string, number>;
  readonly openTickets: Set<string>;
  readonly invoices: Set<string>;
  readonly paid: Set<string>;
}

/** Runs one step as a command; says whether the model expects it refused (a repeated id, a case not open). */
const run = async (
  customers: ReturnType<typeof createCustomerService>,
  step: Step,
  model: Model,
  occurredAt: string,
): Promise<boolean> => {
  const customerId = 'c1';
  const options = { metadata: { occurredAt } };
  switch (step.kind) {
    case 'buy': {
      const lines = [{ sku: step.sku, category: step.category, quantity: step.quantity, unitPrice: 100 }];
      const data = {
        customerId,
        orderId: step.orderId,
        lines,
        total: 100 * step.quantity,
        currency: 'USD',
        paymentMethod: 'card' as const,
      };
      await customers.execute({ type: 'RecordPurchase', data }, options);
      return model.orders.has(step.orderId);
    }
    case 'tag':
    case 'untag':
      await customers.execute(
        { type: step.kind === 'tag' ? 'AddTag' : 'RemoveTag', data: { customerId, tag: step.tag } },
        options,
      );
      return false;
    case 'attribute':
      await customers.execute(
        { type: 'SetCustomAttribute', data: { customerId, key: step.key, value: step.value } },
        options,
      );
      return false;
    case 'open':
    case 'resolve': {
      const event =
        step.kind === 'open'
          ? {
              type: 'TicketOpened' as const,
              data: { ticketId: step.ticketId, category: 'delivery', priority: 'normal' as const },
            }
          : { type: 'TicketResolved' as const, data: { ticketId: step.ticketId, resolution: 'done' } };
      await customers.execute({ type: 'RecordTouchpoint', data: { customerId, event } }, options);
      return model.openTickets.has(step.ticketId) === (step.kind === 'open');
    }
    case 'invoice':
      await customers.execute(
        {
          type: 'IssueInvoice',
          data: {
            customerId,
            invoiceId: step.invoiceId,
            amount: 100,
            currency: 'USD',
            dueDate: '2030-01-01',
          },
        },
        options,
      );
      return model.invoices.has(step.invoiceId);
    case 'pay':
      await customers.execute(
        {
          type: 'RecordPayment',
          data: {
            customerId,
            paymentId: `p-${occurredAt}`,
            invoiceId: step.invoiceId,
            amount: 100,
            currency: 'USD',
            method: 'card',
          },
        },
        options,
      );
      return !model.invoices.has(step.invoiceId) || model.paid.has(step.invoiceId);
  }
};

/** The model after a step the service accepted. */
const apply = (model: Model, step: Step): void => {
  switch (step.kind) {
    case 'buy':
      model.orders.add(step.orderId);
      model.categories.set(step.category, (model.categories.get(step.category) ?? 0) + step.quantity);
      break;
    case 'tag':
      model.tags.add(step.tag);
      break;
    case 'untag':
      model.tags.delete(step.tag);
      break;
    case 'attribute':
      model.attributes.set(step.key, step.value);
      break;
    case 'open':
      model.openTickets.add(step.ticketId);
      break;
    case 'resolve':
      model.openTickets.delete(step.ticketId);
      break;
    case 'invoice':
      model.invoices.add(step.invoiceId);
      break;
    case 'pay':
      model.paid.add(step.invoiceId);
      break;
  }
};

const sorted = <TValue>(entries: Iterable<readonly [string, TValue]>) =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('given any commands whose keys mix ordinary names with names Object.prototype answers to', () => {
  it('the profile counts and lists exactly what the events say, key for key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryStep, { maxLength: 30 }), async (steps) => {
        const store = createInMemoryEventStore();
        const customers = createCustomerService(store);
        const start = Date.parse('2025-01-01T00:00:00Z');
        await customers.execute(
          { type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } },
          { metadata: { occurredAt: new Date(start).toISOString() } },
        );
        await customers.execute(
          {
            type: 'AgreeCreditTerms',
            data: { customerId: 'c1', limit: 1_000_000, currency: 'USD', paymentDays: 30 },
          },
          { metadata: { occurredAt: new Date(start).toISOString() } },
        );
        const model: Model = {
          orders: new Set(),
          categories: new Map(),
          tags: new Set(),
          attributes: new Map(),
          openTickets: new Set(),
          invoices: new Set(),
          paid: new Set(),
        };
        for (const [i, step] of steps.entries()) {
          const occurredAt = new Date(start + (i + 1) * 60_000).toISOString();
          let refused = false;
          let expected: boolean | undefined;
          try {
            expected = await run(customers, step, model, occurredAt);
          } catch (error) {
            if (!isRapportError(error)) throw error;
            refused = true;
          }
          // a refusal is a typed error, and exactly where the rules say so; an accepted step counts
          if (expected !== undefined) expect(expected).toBe(false);
          if (refused) {
            expect(['buy', 'open', 'resolve', 'invoice', 'pay']).toContain(step.kind);
            continue;
          }
          apply(model, step);
        }
        const profile = fold((await store.readAll({ maxCount: 10_000 })).events).get('c1')!;
        expect(profile.commerce?.orders ?? 0).toBe(model.orders.size);
        expect(sorted(Object.entries(profile.commerce?.categories ?? {}))).toEqual(sorted(model.categories));
        expect(currentTags(profile)).toEqual([...model.tags].sort());
        expect(sorted(Object.entries(profile.attributes?.values ?? {}))).toEqual(sorted(model.attributes));
        expect(Object.keys(profile.service?.tickets?.open ?? {}).sort()).toEqual(
          [...model.openTickets].sort(),
        );
        const unpaid = [...model.invoices].filter((id) => !model.paid.has(id));
        expect(Object.keys(profile.credit?.invoices ?? {}).sort()).toEqual(unpaid.sort());
        expect(profile.credit?.settled ?? 0).toBe(model.paid.size);
        // what a durable read-model store writes and reads back is the same document (`toStrictEqual` cannot say:
        // it compares the `constructor` of two objects, and here that may be an own key holding a ticket)
        expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});
