import { describe, expect, it } from 'vitest';
import { createHistory, profileOf } from '../__fixtures__/events';

describe('credit', () => {
  const invoiced = () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'customer' }, '2025-03-01T00:00:00Z');
    event('CreditTermsAgreed', { limit: 500_000, currency: 'EUR', paymentDays: 30 }, '2025-03-01T00:00:00Z');
    event(
      'InvoiceIssued',
      { invoiceId: 'i1', amount: 120_000, currency: 'EUR', dueDate: '2025-03-31' },
      '2025-03-01T12:00:00Z',
    );
    event(
      'InvoiceIssued',
      { invoiceId: 'i2', amount: 80_000, currency: 'EUR', dueDate: '2025-04-15' },
      '2025-03-16T12:00:00Z',
    );
    event(
      'PaymentReceived',
      { paymentId: 'p1', invoiceId: 'i1', amount: 20_000, currency: 'EUR', method: 'bank_transfer' },
      '2025-03-20T12:00:00Z',
    );
    return { event, events };
  };

  it('shows the limit, open invoices and the outstanding balance', () => {
    const profile = profileOf(invoiced().events);
    expect(profile.credit?.terms).toMatchObject({ limit: 500_000, currency: 'EUR', paymentDays: 30 });
    expect(Object.keys(profile.credit?.invoices ?? {})).toEqual(['i1', 'i2']);
    expect(profile.credit?.outstanding).toEqual({ EUR: 180_000 });
    expect(profile.credit?.overdue).toBeUndefined();
  });

  it('turns an invoice overdue at the start of the day after its due date, with no new event', () => {
    const { events } = invoiced();
    expect(profileOf(events, '2025-03-31T23:59:59.999Z').credit?.overdue).toBeUndefined();
    const overdue = profileOf(events, '2025-04-01T00:00:00.000Z');
    expect(overdue.credit?.overdue).toEqual({ amounts: { EUR: 100_000 }, days: 1 });
    expect(overdue.asOf).toBe(Date.parse('2025-04-01T00:00:00.000Z'));
  });

  it('counts days overdue day by day, adding invoices as they fall due', () => {
    const { events } = invoiced();
    expect(profileOf(events, '2025-04-10T15:00:00Z').credit?.overdue).toEqual({
      amounts: { EUR: 100_000 },
      days: 10,
    });
    expect(profileOf(events, '2025-04-16T00:00:00Z').credit?.overdue).toEqual({
      amounts: { EUR: 180_000 },
      days: 16,
    });
  });

  it('clears what is overdue once paid, and counts settled invoices', () => {
    const { event, events } = invoiced();
    event(
      'PaymentReceived',
      { paymentId: 'p2', invoiceId: 'i1', amount: 100_000, currency: 'EUR', method: 'card' },
      '2025-04-05T09:00:00Z',
    );
    const profile = profileOf(events, '2025-04-10T00:00:00Z');
    expect(profile.credit?.overdue).toBeUndefined();
    expect(profile.credit?.outstanding).toEqual({ EUR: 80_000 });
    expect(profile.credit).toMatchObject({ issued: 2, settled: 1 });
    expect(Object.keys(profile.credit?.invoices ?? {})).toEqual(['i2']);
  });
});
