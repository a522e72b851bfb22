import {
  arbitraryTouchpoint,
  arbitraryTouchpointEvent,
  arbitraryUserKey,
  givenDecider,
} from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TouchpointEvent, TouchpointEventType } from '../catalog/index';
import { isValidationError } from '../errors/validationError';
import { customerDecider } from './decider';
import {
  type CustomerState,
  evolveCustomer,
  initialCustomerState,
  type OrderBalance,
  outstandingCredit,
} from './state';
import { type CustomerStateJSON, customerStateFromJSON, customerStateToJSON } from './stateJson';

// The oracle: the customer state as plain records, as it was before the persistent maps (slow, but plainly right).
type Ids = Record<string, true>;
type Sku = { sku: string; bought: number; returned: number };
type Moved = {
  orders: {
    orderId: string;
    total: number;
    refunded: number;
    currency: string;
    orderedAt?: string | undefined;
    skus?: Sku[] | undefined;
  }[];
  invoices: { invoiceId: string; amount: number; paid: number; currency: string }[];
  openTickets?: string[] | undefined;
  openComplaints?: string[] | undefined;
};
type Held = { orders: string[]; invoices: string[]; tickets: string[]; complaints: string[] };
type Oracle = Omit<CustomerStateJSON, 'absorbed'> & { readonly absorbed: Record<string, Held> };

/** The record's own entry for `key` (`record[key]` would read `Object.prototype` for `constructor` and its kin). */
const at = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
const drop = <T>(record: Readonly<Record<string, T>>, keys: readonly string[]): Record<string, T> => {
  const out = { ...record };
  for (const key of keys) delete out[key];
  return out;
};
const union = (a: readonly string[] | undefined, b: readonly string[] = []) =>
  a === undefined ? [...b] : [...new Set([...a, ...b])];
const heldOf = (moved: Moved, prior?: Held): Held => ({
  orders: union(
    prior?.orders,
    moved.orders.map((order) => order.orderId),
  ),
  invoices: union(
    prior?.invoices,
    moved.invoices.map((invoice) => invoice.invoiceId),
  ),
  tickets: union(prior?.tickets, moved.openTickets),
  complaints: union(prior?.complaints, moved.openComplaints),
});
const recordsOf = (moved: Moved) => ({
  // the arbitraries leave an absent field out, never `undefined`
  orders: Object.fromEntries(moved.orders.map(({ orderId, ...order }) => [orderId, order as OrderBalance])),
  invoices: Object.fromEntries(moved.invoices.map(({ invoiceId, ...invoice }) => [invoiceId, invoice])),
  openTickets: Object.fromEntries((moved.openTickets ?? []).map((id) => [id, true])) as Ids,
  openComplaints: Object.fromEntries((moved.openComplaints ?? []).map((id) => [id, true])) as Ids,
});
/** What the lines bought of each SKU: one entry per SKU, in the order SKUs first appear. */
const boughtOf = (lines: readonly { sku: string; quantity: number }[]): Sku[] => {
  const skus: Sku[] = [];
  for (const { sku, quantity } of lines) {
    const entry = skus.find((each) => each.sku === sku);
    if (entry) entry.bought += quantity;
    else skus.push({ sku, bought: quantity, returned: 0 });
  }
  return skus;
};
const returnedOf = (skus: readonly Sku[], lines: readonly { sku: string; quantity: number }[]): Sku[] =>
  skus.map((entry) => ({
    ...entry,
    returned: lines.reduce((sum, line) => sum + (line.sku === entry.sku ? line.quantity : 0), entry.returned),
  }));
const oracleOutstanding = (state: Oracle) =>
  Object.values(state.invoices).reduce((sum, invoice) => sum + invoice.amount - invoice.paid, 0);

const evolveOracle = (state: Oracle, event: TouchpointEvent): Oracle => {
  // the fields the record-based fold reads, whichever the event type
  const d = event.data as unknown as Record<
    | 'tag'
    | 'channel'
    | 'purpose'
    | 'orderId'
    | 'currency'
    | 'refundId'
    | 'invoiceId'
    | 'ticketId'
    | 'complaintId',
    string
  > &
    Record<'total' | 'amount', number>;
  switch (event.type) {
    case 'CustomerRegistered':
      return { ...state, status: event.data.kind };
    case 'ProspectConverted':
      return { ...state, status: 'customer' };
    case 'TagAdded':
      return { ...state, tags: { ...state.tags, [d.tag]: true } };
    case 'TagRemoved':
      return { ...state, tags: drop(state.tags, [d.tag]) };
    case 'ConsentGranted':
      return { ...state, consents: { ...state.consents, [`${d.channel}/${d.purpose}`]: true } };
    case 'ConsentWithdrawn':
      return { ...state, consents: drop(state.consents, [`${d.channel}/${d.purpose}`]) };
    case 'PurchaseCompleted': {
      const orderedAt = (event as { metadata?: { occurredAt: string } }).metadata?.occurredAt;
      const order = {
        total: d.total,
        refunded: 0,
        currency: d.currency,
        ...(orderedAt === undefined ? {} : { orderedAt }),
        skus: boughtOf(event.data.lines),
      };
      return { ...state, orders: { ...state.orders, [d.orderId]: order } };
    }
    case 'OrderRefunded': {
      const order = at(state.orders, d.orderId);
      if (!order) return state;
      const { kind, lines } = event.data;
      const skus = kind === 'return' && lines && order.skus ? { skus: returnedOf(order.skus, lines) } : {};
      return {
        ...state,
        orders: { ...state.orders, [d.orderId]: { ...order, refunded: order.refunded + d.amount, ...skus } },
        refunds: { ...state.refunds, [d.refundId]: true },
      };
    }
    case 'CreditTermsAgreed':
      return { ...state, credit: { ...event.data } };
    case 'InvoiceIssued':
      return {
        ...state,
        invoices: { ...state.invoices, [d.invoiceId]: { amount: d.amount, paid: 0, currency: d.currency } },
      };
    case 'PaymentReceived': {
      const invoice = at(state.invoices, d.invoiceId);
      if (!invoice) return state;
      return {
        ...state,
        invoices: { ...state.invoices, [d.invoiceId]: { ...invoice, paid: invoice.paid + d.amount } },
      };
    }
    case 'TicketOpened':
      return { ...state, openTickets: { ...state.openTickets, [d.ticketId]: true } };
    case 'TicketResolved':
      return { ...state, openTickets: drop(state.openTickets, [d.ticketId]) };
    case 'ComplaintFiled':
      return { ...state, openComplaints: { ...state.openComplaints, [d.complaintId]: true } };
    case 'ComplaintResolved':
      return { ...state, openComplaints: drop(state.openComplaints, [d.complaintId]) };
    case 'CustomersMerged': {
      const { absorbedId, transferred } = event.data;
      const incoming = recordsOf(transferred);
      return {
        ...state,
        orders: { ...state.orders, ...incoming.orders },
        invoices: { ...state.invoices, ...incoming.invoices },
        openTickets: { ...state.openTickets, ...incoming.openTickets },
        openComplaints: { ...state.openComplaints, ...incoming.openComplaints },
        absorbed: { ...state.absorbed, [absorbedId]: heldOf(transferred, at(state.absorbed, absorbedId)) },
      };
    }
    case 'CustomersUnmerged': {
      const { absorbedId, returned } = event.data;
      const held = heldOf(returned, at(state.absorbed, absorbedId));
      return {
        ...state,
        orders: drop(state.orders, held.orders),
        invoices: drop(state.invoices, held.invoices),
        openTickets: drop(state.openTickets, held.tickets),
        openComplaints: drop(state.openComplaints, held.complaints),
        absorbed: drop(state.absorbed, [absorbedId]),
      };
    }
    case 'CustomerMergedInto': {
      const before = state.status === 'prospect' || state.status === 'customer' ? state.status : undefined;
      const statusBeforeMerge = before ?? state.statusBeforeMerge;
      return {
        ...state,
        status: 'merged',
        mergedInto: event.data.survivorId,
        ...(statusBeforeMerge === undefined ? {} : { statusBeforeMerge }),
      };
    }
    case 'CustomerRestored': {
      const { mergedInto: _m, statusBeforeMerge: _s, ...rest } = state;
      return {
        ...rest,
        ...recordsOf(event.data.returned),
        status: state.status === 'forgotten' ? 'forgotten' : event.data.status,
      };
    }
    case 'CustomerForgotten':
      return { ...state, status: 'forgotten' };
    default:
      return state;
  }
};
const oracleStart = (): Oracle => ({
  status: 'unregistered',
  tags: {},
  consents: {},
  orders: {},
  refunds: {},
  invoices: {},
  openTickets: {},
  openComplaints: {},
  absorbed: {},
});

/**
 * A few ids of each kind, so refunds, payments, resolutions and unmerges meet what earlier events recorded; some
 * named like `Object.prototype` members, which a record-keyed state would confuse with what it inherits.
 */
const pool = (prefix: string) =>
  arbitraryUserKey({
    pool: [`${prefix}1`, `${prefix}2`, `${prefix}3`, `${prefix}4`],
    filter: (key) => /^[A-Za-z0-9]/.test(key),
  });
const money = fc.integer({ min: 0, max: 1_000 });
const currency = fc.constantFrom('USD', 'EUR');
const sku = arbitraryUserKey({ pool: ['s1', 's2', 's3', '__proto__'] });
const lines = fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 3 }) }), { maxLength: 4 });
const time = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-01-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const moved = fc.record({
  orders: fc.array(
    fc.record(
      {
        orderId: pool('o'),
        total: money,
        refunded: money,
        currency,
        // a merge recorded before merges carried the date and the SKUs has neither
        orderedAt: time,
        skus: fc.array(fc.record({ sku, bought: money, returned: money }), { maxLength: 3 }),
      },
      { requiredKeys: ['orderId', 'total', 'refunded', 'currency'] },
    ),
    { maxLength: 3 },
  ),
  invoices: fc.array(fc.record({ invoiceId: pool('i'), amount: money, paid: money, currency }), {
    maxLength: 3,
  }),
  openTickets: fc.option(fc.array(pool('t'), { maxLength: 3 }), { nil: undefined }),
  openComplaints: fc.option(fc.array(pool('k'), { maxLength: 3 }), { nil: undefined }),
});
/** An event of `type`, valid against its schema, with some fields drawn from the pools above. */
const about = (type: TouchpointEventType, fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(arbitraryTouchpoint(type), fc.record(fields))
    .map(([event, data]) => ({ ...event, data: { ...event.data, ...data } }) as TouchpointEvent);

const bare: fc.Arbitrary<TouchpointEvent> = fc.oneof(
  arbitraryTouchpoint('CustomerRegistered'),
  arbitraryTouchpoint('ProspectConverted'),
  about('TagAdded', { tag: pool('tag') }),
  about('TagRemoved', { tag: pool('tag') }),
  arbitraryTouchpoint('ConsentGranted'),
  arbitraryTouchpoint('ConsentWithdrawn'),
  { weight: 3, arbitrary: about('PurchaseCompleted', { orderId: pool('o'), total: money, currency, lines }) },
  {
    weight: 3,
    arbitrary: about('OrderRefunded', { orderId: pool('o'), refundId: pool('r'), amount: money, lines }),
  },
  arbitraryTouchpoint('CreditTermsAgreed'),
  { weight: 2, arbitrary: about('InvoiceIssued', { invoiceId: pool('i'), amount: money, currency }) },
  { weight: 2, arbitrary: about('PaymentReceived', { invoiceId: pool('i'), amount: money }) },
  about('TicketOpened', { ticketId: pool('t') }),
  about('TicketResolved', { ticketId: pool('t') }),
  about('ComplaintFiled', { complaintId: pool('k') }),
  about('ComplaintResolved', { complaintId: pool('k') }),
  { weight: 2, arbitrary: about('CustomersMerged', { absorbedId: pool('c'), transferred: moved }) },
  { weight: 2, arbitrary: about('CustomersUnmerged', { absorbedId: pool('c'), returned: moved }) },
  about('CustomerMergedInto', { survivorId: pool('c') }),
  about('CustomerRestored', { returned: moved }),
  arbitraryTouchpoint('CustomerForgotten'),
  arbitraryTouchpointEvent(),
);
/** An event as `{ type, data }`, or as a store gives it, with the metadata that dates it. */
const event: fc.Arbitrary<TouchpointEvent> = fc.oneof(
  bare,
  fc.tuple(bare, time).map(([each, occurredAt]) => ({ ...each, metadata: { occurredAt } })),
);

const registered: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'customer' } };
const purchase = (orderId: string, total: number): TouchpointEvent => ({
  type: 'PurchaseCompleted',
  data: { orderId, lines: [], total, currency: 'USD', paymentMethod: 'card' },
});

describe('given any history of customer events', () => {
  it('every state folded reads as the one the record-based fold gives, credit balance included', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60, size: 'max' }), (events) => {
        let state = initialCustomerState();
        let oracle = oracleStart();
        for (const next of events) {
          state = evolveCustomer(state, next);
          oracle = evolveOracle(oracle, next);
          expect(customerStateToJSON(state)).toEqual(oracle);
          expect(outstandingCredit(state)).toBe(oracleOutstanding(oracle));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('folding on never changes an earlier state', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60, size: 'max' }), (events) => {
        const states: CustomerState[] = [initialCustomerState()];
        for (const next of events) states.push(evolveCustomer(states.at(-1)!, next));
        const before = states.map((state) => JSON.stringify(state));
        // fold every state one more step, so updates land on old versions too
        for (const [index, state] of states.entries()) evolveCustomer(state, events[index] ?? registered);
        expect(states.map((state) => JSON.stringify(state))).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('a state read back from its JSON equals the state, and decides the same', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60, size: 'max' }), (events) => {
        const state = events.reduce(evolveCustomer, initialCustomerState());
        const read = customerStateFromJSON(JSON.parse(JSON.stringify(state)));
        expect(read).toEqual(state);
        expect(customerStateFromJSON(customerStateToJSON(state))).toEqual(state);
        expect(outstandingCredit(read)).toBe(outstandingCredit(state));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the customer state', () => {
  it('treats ids named like Object.prototype members as ordinary ids', () => {
    givenDecider(customerDecider, [registered])
      .when({
        type: 'RecordPurchase',
        data: {
          customerId: 'c1',
          orderId: 'constructor',
          lines: [],
          total: 5,
          currency: 'USD',
          paymentMethod: 'card',
        },
      })
      .then([
        {
          type: 'PurchaseCompleted',
          data: { orderId: 'constructor', lines: [], total: 5, currency: 'USD', paymentMethod: 'card' },
        },
      ]);
    givenDecider(customerDecider, [registered])
      .when({
        type: 'RecordRefund',
        data: {
          customerId: 'c1',
          orderId: 'toString',
          refundId: 'r1',
          kind: 'refund',
          amount: 1,
          currency: 'USD',
          reason: 'defective',
        },
      })
      .thenThrows('NotFound', 'order toString is not recorded');
  });

  it('reads back from its JSON, for a snapshot store that keeps states outside the process', () => {
    // #region json
    const state = [registered, purchase('o-1', 1999)].reduce(evolveCustomer, initialCustomerState());
    expect(state.orders.get('o-1')).toEqual({ total: 1999, refunded: 0, currency: 'USD', skus: [] });
    const text = JSON.stringify(customerStateToJSON(state)); // {"status":"customer",…,"orders":{"o-1":{…}},…}
    const back = customerStateFromJSON(JSON.parse(text)); // checks every field: a ValidationError names bad ones
    expect(back).toEqual(state);
    // #endregion json
  });

  it('keeps a tag named __proto__ through JSON', () => {
    const state = evolveCustomer(initialCustomerState(), { type: 'TagAdded', data: { tag: '__proto__' } });
    expect([...customerStateFromJSON(JSON.parse(JSON.stringify(state))).tags.keys()]).toEqual(['__proto__']);
  });

  it('refuses bad JSON with a validation error naming each bad path', () => {
    const json = customerStateToJSON(initialCustomerState());
    const issues = (bad: unknown) => {
      try {
        customerStateFromJSON(bad);
      } catch (error) {
        if (isValidationError(error)) return error.issues.map((issue) => issue.path);
        throw error;
      }
      return [];
    };
    expect(issues({ ...json, status: 'gone' })).toEqual(['CustomerState.status']);
    expect(issues({ ...json, orders: [] })).toEqual(['CustomerState.orders']);
    expect(
      issues({
        ...json,
        orders: { 'o-1': { total: 1.5, refunded: 0, currency: 'USD' } },
        absorbed: { c2: { orders: [], invoices: [], tickets: [] } },
      }),
    ).toEqual(['CustomerState.orders.o-1.total', 'CustomerState.absorbed.c2.complaints']);
    expect(issues(null)).toEqual(['CustomerState']);
  });
});
