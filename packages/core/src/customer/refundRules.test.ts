import { givenCustomer as given } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import type { TouchpointEvent } from '../catalog/index';
import { createFakeClock } from '../clock';
import { foldEvents } from '../decider/decider';
import { isRapportError } from '../errors/rapportError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { CustomerCommandInput } from './commands';
import { createCustomerService } from './customerService';
import { decideCustomer } from './decide';
import { customerDecider } from './decider';

type RefundData = Extract<CustomerCommandInput, { type: 'RecordRefund' }>['data'];

const registered: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'customer' } };
const registerC1: CustomerCommandInput = {
  type: 'RegisterCustomer',
  data: { customerId: 'c1', kind: 'customer' },
};
const lines = [
  { sku: 'kettle', quantity: 2, unitPrice: 3000 },
  { sku: 'mug', quantity: 4, unitPrice: 500 },
];
const bought: TouchpointEvent = {
  type: 'PurchaseCompleted',
  data: { orderId: 'o1', lines, total: 8000, currency: 'USD', paymentMethod: 'card' },
};
/** The purchase as a store gives it back: dated by its metadata. */
const boughtAt = (occurredAt: string) => ({ ...bought, metadata: { occurredAt } }) as TouchpointEvent;
const refund = (data: Partial<RefundData> = {}): CustomerCommandInput => ({
  type: 'RecordRefund',
  data: {
    customerId: 'c1',
    orderId: 'o1',
    refundId: 'r2',
    kind: 'return',
    amount: 3000,
    currency: 'USD',
    reason: 'defective',
    ...data,
  },
});
const returned = (refundId: string, sku: string, quantity: number): TouchpointEvent => ({
  type: 'OrderRefunded',
  data: {
    orderId: 'o1',
    refundId,
    kind: 'return',
    amount: 0,
    currency: 'USD',
    reason: 'changed_mind',
    lines: [{ sku, quantity }],
  },
});
const recorded = (command: CustomerCommandInput) => {
  const { customerId: _, ...data } = command.data as RefundData;
  return [{ type: 'OrderRefunded', data } as TouchpointEvent];
};

describe('a return', () => {
  it('names SKUs that were on the order: another is refused, naming the order and the SKU', () => {
    const teapot = refund({
      lines: [
        { sku: 'kettle', quantity: 1 },
        { sku: 'teapot', quantity: 1 },
      ],
    });
    given(registered, bought)
      .when(teapot)
      .thenThrows('Validation', 'RecordRefund.data.lines[1].sku: must be a SKU on order o1 (kettle, mug)');
    given(registered, bought).when(teapot).thenThrows('Validation', '(got teapot)');
    const unlisted: TouchpointEvent = { ...bought, data: { ...(bought.data as object), lines: [] } as never };
    given(registered, unlisted)
      .when(refund({ lines: [{ sku: 'kettle', quantity: 1 }] }))
      .thenThrows('Validation', 'must be a SKU on order o1, which has no lines');
  });

  it('takes back no more of a SKU than the order bought, less what earlier returns took', () => {
    given(registered, bought, returned('r1', 'kettle', 1))
      .when(refund({ lines: [{ sku: 'kettle', quantity: 2 }] }))
      .thenThrows(
        'IllegalState',
        'return of 2 × kettle exceeds the 1 still returnable on order o1 (bought 2, returned 1)',
      );
    // lines of one return that repeat a SKU count together
    given(registered, bought)
      .when(
        refund({
          lines: [
            { sku: 'mug', quantity: 3 },
            { sku: 'mug', quantity: 2 },
          ],
        }),
      )
      .thenThrows('IllegalState', 'return of 5 × mug exceeds the 4 still returnable on order o1');
    // a refund without goods takes nothing back: the kettles are still returnable
    const money: TouchpointEvent = {
      type: 'OrderRefunded',
      data: {
        orderId: 'o1',
        refundId: 'r0',
        kind: 'refund',
        amount: 100,
        currency: 'USD',
        reason: 'goodwill',
      },
    };
    const rest = refund({ lines: [{ sku: 'kettle', quantity: 1 }] });
    given(registered, bought, money, returned('r1', 'kettle', 1))
      .when(rest)
      .then(recorded(rest));
  });

  it('may leave its lines out, as before', () => {
    const unlined = refund();
    given(registered, bought).when(unlined).then(recorded(unlined));
  });
});

describe('a refund', () => {
  it('gives money back without goods, so it carries no lines: a return does', () => {
    given(registered, bought)
      .when(refund({ kind: 'refund', lines: [{ sku: 'kettle', quantity: 1 }] }))
      .thenThrows('Validation', 'RecordRefund.data.lines: must be left out of a `refund`');
    const none = refund({ kind: 'refund', lines: [] });
    given(registered, bought).when(none).then(recorded(none));
  });

  it('is not dated before its order: refused, naming both dates; at or after it, taken', () => {
    const history = [registered, boughtAt('2026-03-10T12:00:00.000Z')];
    given(...history)
      .when(refund(), { occurredAt: '2026-03-10T11:59:59.999Z' })
      .thenThrows(
        'IllegalState',
        'refund r2 is dated 2026-03-10T11:59:59.999Z, before order o1 was placed (2026-03-10T12:00:00.000Z)',
      );
    given(...history)
      .when(refund(), { occurredAt: '2026-03-10T12:00:00.000Z' })
      .then(recorded(refund()));
    // without a context (decideCustomer called on its own) there is no time to check
    given(...history)
      .when(refund())
      .then(recorded(refund()));
  });
});

describe('an order a merge brought in', () => {
  const merged = (order: Record<string, unknown>): TouchpointEvent =>
    ({
      type: 'CustomersMerged',
      data: {
        absorbedId: 'c2',
        transferred: {
          orders: [{ orderId: 'o1', total: 8000, refunded: 0, currency: 'USD', ...order }],
          invoices: [],
        },
      },
    }) as TouchpointEvent;
  const state = (event: TouchpointEvent) => foldEvents(customerDecider, [registered, event]);
  const early = { occurredAt: '2026-03-09T00:00:00.000Z' };
  const teapot = refund({ lines: [{ sku: 'teapot', quantity: 1 }] }) as never;

  it('keeps its date and what is left to return of each SKU', () => {
    const carried = state(
      merged({
        orderedAt: '2026-03-10T12:00:00.000Z',
        skus: [{ sku: 'kettle', bought: 2, returned: 2 }],
      }),
    );
    expect(() => decideCustomer(refund() as never, carried, early)).toThrow('before order o1 was placed');
    expect(() => decideCustomer(teapot, carried)).toThrow('must be a SKU on order o1 (kettle)');
    expect(() =>
      decideCustomer(refund({ lines: [{ sku: 'kettle', quantity: 1 }] }) as never, carried),
    ).toThrow('exceeds the 0 still returnable');
  });

  it('recorded before merges carried them, is checked only as far as the event says', () => {
    const old = state(merged({}));
    expect(old.orders.get('o1')).toEqual({ total: 8000, refunded: 0, currency: 'USD' });
    expect(decideCustomer(teapot, old, early)).toHaveLength(1);
    expect(() => decideCustomer(refund({ amount: 8001 }) as never, old, early)).toThrow('exceeds the 8000');
  });
});

describe('through the customer service', () => {
  const purchase = (customerId: string): CustomerCommandInput => ({
    type: 'RecordPurchase',
    data: { customerId, orderId: 'o1', lines, total: 8000, currency: 'USD', paymentMethod: 'card' },
  });
  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => 'accepted',
      (error: unknown) => (isRapportError(error) ? `${error.code}: ${error.message}` : String(error)),
    );

  it("refuses a refund whose occurredAt is before the order's, and records nothing", async () => {
    const customers = createCustomerService(createInMemoryEventStore());
    await customers.execute(registerC1);
    await customers.execute(purchase('c1'), { metadata: { occurredAt: '2026-03-10T12:00:00+01:00' } });
    const early = { metadata: { occurredAt: '2026-03-10T10:30:00Z' } };
    expect(await codeOf(customers.execute(refund(), early))).toBe(
      'IllegalState: refund r2 is dated 2026-03-10T10:30:00.000Z, before order o1 was placed (2026-03-10T11:00:00.000Z): a refund cannot precede its order',
    );
    expect((await customers.history('c1')).map((event) => event.type)).not.toContain('OrderRefunded');
    const onTime = { metadata: { occurredAt: '2026-03-10T11:00:00Z' } };
    expect(await codeOf(customers.execute(refund(), onTime))).toBe('accepted');
  });

  it('decides a refund given no occurredAt at the time of its clock, which the store stamps', async () => {
    const clock = createFakeClock('2026-03-10T10:00:00Z');
    const customers = createCustomerService(createInMemoryEventStore({ clock }), { clock });
    await customers.execute(registerC1);
    // a till a few minutes ahead of the log dates the order 10:04
    await customers.execute(purchase('c1'), { metadata: { occurredAt: '2026-03-10T10:04:00Z' } });
    expect(await codeOf(customers.execute(refund()))).toContain(
      'is dated 2026-03-10T10:00:00.000Z, before order o1',
    );
    clock.advance(5 * 60_000);
    const { events } = await customers.execute(refund());
    expect(events[0]!.metadata.occurredAt).toBe('2026-03-10T10:05:00.000Z');
  });

  it('refuses a return off the order or beyond what was bought, across a merge and an unmerge', async () => {
    const customers = createCustomerService(createInMemoryEventStore());
    for (const customerId of ['c1', 'c2'])
      await customers.execute({ type: 'RegisterCustomer', data: { customerId, kind: 'customer' } });
    const at = { metadata: { occurredAt: '2026-03-10T12:00:00Z' } };
    await customers.execute(purchase('c2'), at);
    const kettles = (customerId: string, refundId: string, quantity: number) =>
      refund({ customerId, refundId, amount: 0, lines: [{ sku: 'kettle', quantity }] });
    await customers.execute(kettles('c2', 'r1', 1));
    expect(
      await codeOf(customers.execute(refund({ customerId: 'c2', lines: [{ sku: 'teapot', quantity: 1 }] }))),
    ).toBe(
      'Validation: RecordRefund.data.lines[0].sku: must be a SKU on order o1 (kettle, mug) (got teapot)',
    );
    await customers.merge('c1', 'c2');
    expect(await codeOf(customers.execute(kettles('c1', 'r2', 2)))).toContain(
      'return of 2 × kettle exceeds the 1 still returnable on order o1 (bought 2, returned 1)',
    );
    const before = { metadata: { occurredAt: '2026-03-01T00:00:00Z' } };
    expect(await codeOf(customers.execute(kettles('c1', 'r2', 1), before))).toContain('before order o1');
    await customers.execute(kettles('c1', 'r2', 1));
    await customers.unmerge('c1', 'c2');
    expect(await codeOf(customers.execute(kettles('c2', 'r3', 1)))).toContain(
      'exceeds the 0 still returnable on order o1 (bought 2, returned 2)',
    );
    expect(await codeOf(customers.execute(kettles('c2', 'r3', 1), before))).toContain('before order o1');
  });
});
