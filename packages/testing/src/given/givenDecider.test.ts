import { AssertionError } from 'node:assert/strict';
import type { TouchpointEvent } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { givenCustomer } from './givenCustomer';

const registered: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'customer' } };
const tag = { type: 'AddTag', data: { customerId: 'c1', tag: 'vip' } } as const;
const tagged: TouchpointEvent = { type: 'TagAdded', data: { tag: 'vip' } };

const failureOf = (check: () => void): unknown => {
  try {
    check();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('givenCustomer', () => {
  it('passes when the command records exactly the events named, or is refused with the code and words named', () => {
    givenCustomer(registered).when(tag).then([tagged]);
    givenCustomer().when(tag).thenThrows('NotFound', 'not registered');
  });

  it('fails with node’s AssertionError, under any test runner, saying what differed', () => {
    const wrongEvents = failureOf(() =>
      givenCustomer(registered)
        .when(tag)
        .then([{ type: 'TagAdded', data: { tag: 'gold' } }]),
    );
    expect(wrongEvents).toBeInstanceOf(AssertionError);
    expect(String(wrongEvents)).toContain('gold');

    const accepted = failureOf(() => givenCustomer(registered).when(tag).thenThrows('NotFound'));
    expect(accepted).toBeInstanceOf(AssertionError);
    expect((accepted as Error).message).toBe(
      'expected a NotFound error, got no error (the command was accepted)',
    );

    const otherCode = failureOf(() => givenCustomer().when(tag).thenThrows('IllegalState'));
    expect((otherCode as Error).message).toContain('expected a IllegalState error, got');

    const otherWords = failureOf(() => givenCustomer().when(tag).thenThrows('NotFound', 'was forgotten'));
    expect((otherWords as Error).message).toContain('to say "was forgotten"');
  });

  it('decides in the context given, over past events dated by their metadata as recorded ones are', () => {
    const placed = {
      type: 'PurchaseCompleted',
      data: { orderId: 'o1', lines: [], total: 500, currency: 'USD', paymentMethod: 'card' },
      metadata: { occurredAt: '2026-03-10T12:00:00.000Z' },
    } as TouchpointEvent;
    const refund = {
      type: 'RecordRefund',
      data: {
        customerId: 'c1',
        orderId: 'o1',
        refundId: 'r1',
        kind: 'refund',
        amount: 100,
        currency: 'USD',
        reason: 'goodwill',
      },
    } as const;
    givenCustomer(registered, placed)
      .when(refund, { occurredAt: '2026-03-09T12:00:00.000Z' })
      .thenThrows('IllegalState', 'before order o1 was placed');
    const { customerId: _, ...data } = refund.data;
    givenCustomer(registered, placed)
      .when(refund, { occurredAt: '2026-03-11T12:00:00.000Z' })
      .then([{ type: 'OrderRefunded', data }]);
  });
});
