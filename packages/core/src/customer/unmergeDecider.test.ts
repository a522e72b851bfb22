import { givenDecider } from '@rapport/testing';
import { describe, it } from 'vitest';
import type { TouchpointEvent } from '../catalog/index';
import type { Decider } from '../decider/decider';
import type { CustomerCommand, IdentityStep } from './commands';
import { decideCustomerOrStep } from './decide';
import { customerDecider } from './decider';
import type { CustomerState } from './state';

// the service's steps and a caller's commands, decided by the same rules (the service runs the steps internally)
const { commandSchema: _, ...rules } = customerDecider;
const stepsAndCommands: Decider<CustomerCommand | IdentityStep, CustomerState, TouchpointEvent> = {
  ...rules,
  decide: decideCustomerOrStep,
};
const given = (...history: TouchpointEvent[]) => givenDecider(stepsAndCommands, history);
const registered: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'customer' } };
const prospect: TouchpointEvent = { type: 'CustomerRegistered', data: { kind: 'prospect' } };
const transferred = {
  orders: [{ orderId: 'o9', total: 700, refunded: 0, currency: 'USD' }],
  invoices: [{ invoiceId: 'i9', amount: 2000, paid: 500, currency: 'USD' }],
  openTickets: ['t1', 't2'],
  openComplaints: ['k1'],
};
const merged: TouchpointEvent = { type: 'CustomersMerged', data: { absorbedId: 'dup', transferred } };
const refunded: TouchpointEvent = {
  type: 'OrderRefunded',
  data: { orderId: 'o9', refundId: 'r1', kind: 'refund', amount: 300, currency: 'USD', reason: 'defective' },
};
const ticketResolved: TouchpointEvent = {
  type: 'TicketResolved',
  data: { ticketId: 't1', resolution: 'fixed' },
};
const release: IdentityStep = {
  type: 'ReleaseCustomer',
  data: { customerId: 'keep', absorbedId: 'dup', reason: 'different people' },
};
const returned = {
  orders: [{ orderId: 'o9', total: 700, refunded: 300, currency: 'USD' }],
  invoices: [{ invoiceId: 'i9', amount: 2000, paid: 500, currency: 'USD' }],
  openTickets: ['t2'],
  openComplaints: ['k1'],
};
const unmerged: TouchpointEvent = { type: 'CustomersUnmerged', data: { absorbedId: 'dup', returned } };
const closed: TouchpointEvent = { type: 'CustomerMergedInto', data: { survivorId: 'keep' } };
const restore: IdentityStep = {
  type: 'RestoreCustomer',
  data: { customerId: 'dup', survivorId: 'keep', returned },
};
const restored = (status: 'prospect' | 'customer'): TouchpointEvent => ({
  type: 'CustomerRestored',
  data: { survivorId: 'keep', status, returned },
});
const refund = (customerId: string, refundId: string, amount: number): CustomerCommand => ({
  type: 'RecordRefund',
  data: { customerId, orderId: 'o9', refundId, kind: 'refund', amount, currency: 'USD', reason: 'goodwill' },
});

describe('undoing a merge on the survivor', () => {
  it('gives back what the merge brought in, with balances as they are now and only the cases still open', () => {
    given(registered, merged, refunded, ticketResolved)
      .when(release)
      .then([
        { type: 'CustomersUnmerged', data: { absorbedId: 'dup', returned, reason: 'different people' } },
      ]);
  });

  it('then no longer holds the returned orders, invoices or cases', () => {
    given(registered, merged, refunded, unmerged)
      .when(refund('keep', 'r2', 1))
      .thenThrows('NotFound', 'o9');
    given(registered, merged, unmerged)
      .when({
        type: 'RecordTouchpoint',
        data: {
          customerId: 'keep',
          event: { type: 'TicketResolved', data: { ticketId: 't2', resolution: 'x' } },
        },
      })
      .thenThrows('NotFound', 'no open ticket t2');
  });

  it('refuses to give back a record it does not hold, twice, or from a closed survivor', () => {
    given(registered).when(release).thenThrows('IllegalState', 'holds nothing of dup');
    given(registered, merged, unmerged).when(release).thenThrows('IllegalState', 'holds nothing of dup');
    given(registered, merged, { type: 'CustomerForgotten', data: { reason: 'subject_request' } })
      .when(release)
      .thenThrows('IllegalState', 'forgotten');
    given(registered, merged, { type: 'CustomerMergedInto', data: { survivorId: 'top' } })
      .when(release)
      .thenThrows('IllegalState', 'merged into top');
  });

  it('cannot be run on one stream as UnmergeCustomers', () => {
    given(registered, merged)
      .when({ type: 'UnmergeCustomers', data: { customerId: 'keep', absorbedId: 'dup' } })
      .thenThrows('IllegalState', 'spans two customers');
  });
});

describe('restoring the absorbed record', () => {
  it('reopens it with the status it had before the merge', () => {
    given(prospect, closed)
      .when(restore)
      .then([restored('prospect')]);
    given(registered, closed)
      .when(restore)
      .then([restored('customer')]);
  });

  it('takes the returned balances: refunds made on the survivor count against the order', () => {
    given(registered, { type: 'PurchaseCompleted', data: purchase }, closed, restored('customer'))
      .when(refund('dup', 'r3', 401))
      .thenThrows('IllegalState', 'exceeds the 400 still refundable');
    given(registered, { type: 'PurchaseCompleted', data: purchase }, closed, restored('customer'))
      .when(refund('dup', 'r3', 400))
      .then([{ type: 'OrderRefunded', data: { ...refundData, refundId: 'r3', amount: 400 } }]);
  });

  it('keeps only the cases still open', () => {
    const resolve = (ticketId: string): CustomerCommand => ({
      type: 'RecordTouchpoint',
      data: { customerId: 'dup', event: { type: 'TicketResolved', data: { ticketId, resolution: 'x' } } },
    });
    const opened = (ticketId: string): TouchpointEvent => ({
      type: 'TicketOpened',
      data: { ticketId, category: 'delivery', priority: 'normal' },
    });
    given(registered, opened('t1'), opened('t2'), closed, restored('customer'))
      .when(resolve('t1'))
      .thenThrows('NotFound', 'no open ticket t1');
    given(registered, opened('t1'), opened('t2'), closed, restored('customer'))
      .when(resolve('t2'))
      .then([{ type: 'TicketResolved', data: { ticketId: 't2', resolution: 'x' } }]);
  });

  it('accepts commands again once restored', () => {
    const tag: CustomerCommand = { type: 'AddTag', data: { customerId: 'dup', tag: 'vip' } };
    given(registered, closed).when(tag).thenThrows('IllegalState', 'merged into keep');
    given(registered, closed, restored('customer'))
      .when(tag)
      .then([{ type: 'TagAdded', data: { tag: 'vip' } }]);
  });

  it('refuses a record that is not closed into that survivor, or was forgotten', () => {
    given(registered).when(restore).thenThrows('IllegalState', 'not merged into keep');
    given(registered, { type: 'CustomerMergedInto', data: { survivorId: 'other' } })
      .when(restore)
      .thenThrows('IllegalState', 'not merged into keep');
    given(registered, closed, restored('customer')).when(restore).thenThrows('IllegalState', 'not merged');
    given(registered, closed, { type: 'CustomerForgotten', data: { reason: 'subject_request' } })
      .when(restore)
      .thenThrows('IllegalState', 'forgotten');
  });
});

const purchase = { orderId: 'o9', lines: [], total: 700, currency: 'USD', paymentMethod: 'card' as const };
const refundData = {
  orderId: 'o9',
  refundId: 'r3',
  kind: 'refund',
  amount: 400,
  currency: 'USD',
  reason: 'goodwill',
} as const;
