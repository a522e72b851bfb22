import { createCustomerService, createInMemoryEventStore, type RecordedEvent } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryCustomerHistory } from './customerHistory';
import { recordCustomerHistory } from './recordCustomerHistory';

const net = (events: readonly RecordedEvent[]) => {
  const paid = new Map<string, number>();
  for (const { type, data } of events) {
    const { orderId, total, amount } = data as { orderId: string; total?: number; amount?: number };
    if (type === 'PurchaseCompleted') paid.set(orderId, (paid.get(orderId) ?? 0) + total!);
    if (type === 'OrderRefunded') paid.set(orderId, (paid.get(orderId) ?? 0) - amount!);
  }
  return paid;
};

describe('given any drawn customer history', () => {
  it('the customer service accepts every step, and no order is refunded beyond what was paid', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCustomerHistory({ maxSteps: 60 }), async (history) => {
        const store = createInMemoryEventStore();
        await recordCustomerHistory(createCustomerService(store), history);
        const { events } = await store.readAll({ maxCount: 10_000 });
        for (const left of net(events).values()) expect(left).toBeGreaterThanOrEqual(0);
        const times = events.map((event) => event.metadata.occurredAt);
        expect(times).toEqual([...times].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('reaches every kind of step: returns, refunds, credit, cases opened and closed, merges', () => {
    const seen = new Set<string>();
    for (const history of fc.sample(arbitraryCustomerHistory({ maxSteps: 60 }), { numRuns: 60, seed: 7 })) {
      for (const step of history) {
        if (step.kind === 'merge') seen.add('merge');
        else if (step.command.type === 'RecordTouchpoint') seen.add(step.command.data.event.type);
        else if (step.command.type === 'RecordRefund') seen.add(`refund:${step.command.data.kind}`);
        else seen.add(step.command.type);
      }
    }
    for (const kind of [
      'RegisterCustomer',
      'RecordPurchase',
      'refund:refund',
      'refund:return',
      'AddTag',
      'RemoveTag',
      'GrantConsent',
      'WithdrawConsent',
      'AgreeCreditTerms',
      'IssueInvoice',
      'RecordPayment',
      'TicketOpened',
      'TicketResolved',
      'ComplaintFiled',
      'ComplaintResolved',
      'merge',
    ])
      expect(seen).toContain(kind);
  });
});
