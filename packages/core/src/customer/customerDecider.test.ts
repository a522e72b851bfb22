import { givenCustomer as given } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import type { TouchpointEvent } from '../catalog/index';
import { isValidationError } from '../errors/validationError';
import type { CustomerCommand } from './commands';
import { customerDecider } from './decider';

const registered: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'customer' } };
const prospect: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'prospect' } };
const purchase = (orderId: string, total: number): TouchpointEvent => ({
  type: 'PurchaseCompleted',
  data: { orderId, lines: [], total, currency: 'USD', paymentMethod: 'card' },
});
const refund = (
  amount: number,
  extra: Partial<{ refundId: string; currency: string }> = {},
): CustomerCommand => ({
  type: 'RecordRefund',
  data: {
    customerId: 'c1',
    orderId: 'o1',
    refundId: extra.refundId ?? 'r1',
    kind: 'refund',
    amount,
    currency: extra.currency ?? 'USD',
    reason: 'defective',
  },
});

describe('the customer decider', () => {
  it('registers a new customer once', () => {
    given()
      .when({ type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'prospect' } })
      .then([prospect]);
    given(registered)
      .when({ type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } })
      .thenThrows('IllegalState', 'already registered');
  });

  it('refuses touchpoints for an unknown, merged or forgotten customer', () => {
    const tag: CustomerCommand = { type: 'AddTag', data: { customerId: 'c1', tag: 'vip' } };
    given().when(tag).thenThrows('NotFound', 'not registered');
    given(registered, { type: 'CustomerMergedInto', data: { survivorId: 'c9' } })
      .when(tag)
      .thenThrows('IllegalState', 'merged into c9');
    given(registered, { type: 'CustomerForgotten', data: { reason: 'subject_request' } })
      .when(tag)
      .thenThrows('IllegalState', 'forgotten');
  });

  it('converts a prospect on their first purchase', () => {
    given(prospect)
      .when({
        type: 'RecordPurchase',
        data: {
          customerId: 'c1',
          orderId: 'o1',
          lines: [],
          total: 500,
          currency: 'USD',
          paymentMethod: 'cash',
        },
      })
      .then([
        { type: 'ProspectConverted', data: { orderId: 'o1' } },
        {
          ...purchase('o1', 500),
          data: { ...purchase('o1', 500).data, paymentMethod: 'cash' },
        } as TouchpointEvent,
      ]);
  });

  it('checks that an order total matches its priced lines', () => {
    const order = (total: number): CustomerCommand => ({
      type: 'RecordPurchase',
      data: {
        customerId: 'c1',
        orderId: 'o1',
        lines: [
          { sku: 'a', quantity: 2, unitPrice: 250 },
          { sku: 'b', quantity: 1, unitPrice: 100 },
        ],
        discount: 100,
        shipping: 50,
        total,
        currency: 'USD',
        paymentMethod: 'card',
      },
    });
    expect(() =>
      customerDecider.decide(order(550), customerDecider.evolve(customerDecider.initialState(), registered)),
    ).not.toThrow();
    let error: unknown;
    try {
      customerDecider.decide(order(700), customerDecider.evolve(customerDecider.initialState(), registered));
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.message).toBe(
      'RecordPurchase.data.total: must equal the lines (quantity × unitPrice) − discount + tax + shipping = 550 (got 700)',
    );
  });

  // #region given-when-then
  it('refunds no more than is left to refund, in the order currency, once per refund id', () => {
    given(registered, purchase('o1', 1000))
      .when(refund(1000))
      .then([
        {
          type: 'OrderRefunded',
          data: {
            orderId: 'o1',
            refundId: 'r1',
            kind: 'refund',
            amount: 1000,
            currency: 'USD',
            reason: 'defective',
          },
        },
      ]);
    const partly: TouchpointEvent = {
      type: 'OrderRefunded',
      data: {
        orderId: 'o1',
        refundId: 'r0',
        kind: 'return',
        amount: 600,
        currency: 'USD',
        reason: 'defective',
      },
    };
    given(registered, purchase('o1', 1000), partly)
      .when(refund(401))
      .thenThrows('IllegalState', 'exceeds the 400 still refundable');
    given(registered, purchase('o1', 1000), partly)
      .when(refund(10, { refundId: 'r0' }))
      .thenThrows('IllegalState', 'already recorded');
    given(registered, purchase('o1', 1000))
      .when(refund(10, { currency: 'EUR' }))
      .thenThrows('Validation', "order's currency USD");
    given(registered).when(refund(10)).thenThrows('NotFound', 'order o1');
  });
  // #endregion given-when-then

  it('invoices on credit only within the limit, and takes payments up to what is open', () => {
    const terms: TouchpointEvent = {
      type: 'CreditTermsAgreed',
      data: { limit: 10_000, currency: 'USD', paymentDays: 30 },
    };
    const invoice = (invoiceId: string, amount: number): CustomerCommand => ({
      type: 'IssueInvoice',
      data: { customerId: 'c1', invoiceId, amount, currency: 'USD', dueDate: '2026-02-01' },
    });
    const issued: TouchpointEvent = {
      type: 'InvoiceIssued',
      data: { invoiceId: 'i1', amount: 8000, currency: 'USD', dueDate: '2026-02-01' },
    };
    given(registered).when(invoice('i1', 100)).thenThrows('IllegalState', 'no credit terms');
    given(registered, terms, issued)
      .when(invoice('i2', 2001))
      .thenThrows('IllegalState', 'over the credit limit 10000');
    given(registered, terms, issued)
      .when(invoice('i2', 2000))
      .then([
        {
          type: 'InvoiceIssued',
          data: { invoiceId: 'i2', amount: 2000, currency: 'USD', dueDate: '2026-02-01' },
        },
      ]);
    const pay = (amount: number): CustomerCommand => ({
      type: 'RecordPayment',
      data: {
        customerId: 'c1',
        paymentId: 'p1',
        invoiceId: 'i1',
        amount,
        currency: 'USD',
        method: 'bank_transfer',
      },
    });
    given(registered, terms, issued).when(pay(8001)).thenThrows('IllegalState', 'exceeds the 8000 open');
    given(registered, terms, issued, {
      type: 'PaymentReceived',
      data: { paymentId: 'p0', invoiceId: 'i1', amount: 8000, currency: 'USD', method: 'check' },
    })
      .when(invoice('i3', 10_000))
      .then([
        {
          type: 'InvoiceIssued',
          data: { invoiceId: 'i3', amount: 10_000, currency: 'USD', dueDate: '2026-02-01' },
        },
      ]);
  });

  it('records consent and tag changes only when they change something', () => {
    const grant: CustomerCommand = {
      type: 'GrantConsent',
      data: { customerId: 'c1', channel: 'email', purpose: 'marketing' },
    };
    const granted: TouchpointEvent = {
      type: 'ConsentGranted',
      data: { channel: 'email', purpose: 'marketing' },
    };
    given(registered).when(grant).then([granted]);
    given(registered, granted).when(grant).then([]);
    given(registered)
      .when({ type: 'WithdrawConsent', data: { customerId: 'c1', channel: 'email', purpose: 'marketing' } })
      .then([]);
    given(registered, { type: 'TagAdded', data: { tag: 'vip' } })
      .when({ type: 'AddTag', data: { customerId: 'c1', tag: 'vip' } })
      .then([]);
    given(registered)
      .when({ type: 'RemoveTag', data: { customerId: 'c1', tag: 'vip' } })
      .then([]);
  });

  it('resolves only tickets and complaints that are open', () => {
    const resolve: CustomerCommand = {
      type: 'RecordTouchpoint',
      data: {
        customerId: 'c1',
        event: { type: 'TicketResolved', data: { ticketId: 't1', resolution: 'fixed' } },
      },
    };
    given(registered).when(resolve).thenThrows('NotFound', 'no open ticket t1');
    given(registered, {
      type: 'TicketOpened',
      data: { ticketId: 't1', category: 'billing', priority: 'high' },
    })
      .when(resolve)
      .then([{ type: 'TicketResolved', data: { ticketId: 't1', resolution: 'fixed' } }]);
    given(registered, { type: 'ComplaintFiled', data: { complaintId: 'k1', severity: 'high' } })
      .when({
        type: 'RecordTouchpoint',
        data: {
          customerId: 'c1',
          event: { type: 'ComplaintFiled', data: { complaintId: 'k1', severity: 'low' } },
        },
      })
      .thenThrows('IllegalState', 'already open');
  });

  it('names the bad field of a malformed command', () => {
    given(registered)
      .when({
        type: 'RecordPurchase',
        data: {
          customerId: 'c1',
          orderId: 'o1',
          lines: [
            { sku: 'a', quantity: 1 },
            { sku: 'b', quantity: 2 },
            { sku: 'c', quantity: -1 },
          ],
          total: 1,
          currency: 'USD',
          paymentMethod: 'card',
        },
      })
      .thenThrows('Validation', 'command.data.lines[2].quantity: must be a positive integer (got -1)');
  });

  it('refuses to forget, since a decider cannot destroy keys: the customer service does', () => {
    const forget: CustomerCommand = {
      type: 'ForgetCustomer',
      data: { customerId: 'c1', reason: 'subject_request' },
    };
    given(registered).when(forget).thenThrows('IllegalState', 'run it with the customer service');
  });
});
