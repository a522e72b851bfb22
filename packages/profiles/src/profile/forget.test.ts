import { describe, expect, it } from 'vitest';
import { createHistory, ms, profileOf, purchase } from '../__fixtures__/events';

describe('a forgotten customer', () => {
  const history = () => {
    const { event, events } = createHistory();
    event(
      'CustomerRegistered',
      {
        kind: 'customer',
        name: { given: 'Eve' },
        emails: [{ address: 'eve@example.com', label: 'personal', primary: true }],
        language: 'fr',
      },
      '2025-01-01T00:00:00Z',
    );
    event(
      'PersonalDetailsRecorded',
      { birthday: '1990-02-03', hobbies: ['climbing'] },
      '2025-01-02T00:00:00Z',
    );
    event('CustomAttributeSet', { key: 'nickname', value: 'evie' }, '2025-01-02T00:00:00Z');
    event('TagAdded', { tag: 'vip' }, '2025-01-02T00:00:00Z');
    event('ConsentGranted', { channel: 'email', purpose: 'marketing' }, '2025-01-02T00:00:00Z');
    event('PurchaseCompleted', purchase('o1', 4200), '2025-01-03T00:00:00Z');
    event('CustomerForgotten', { reason: 'subject_request' }, '2025-02-01T00:00:00Z');
    return { event, events };
  };

  it('drops personal data and keeps non-personal aggregates', () => {
    const profile = profileOf(history().events);
    expect(profile.forgotten).toEqual({ at: ms('2025-02-01T00:00:00Z'), reason: 'subject_request' });
    expect(profile.contact).toBeUndefined();
    expect(profile.personal).toBeUndefined();
    expect(profile.attributes).toBeUndefined();
    expect(profile.tags).toBeUndefined();
    expect(JSON.stringify(profile)).not.toMatch(/Eve|eve@example|climbing|evie|1990-02-03|vip/);
    expect(profile.commerce).toMatchObject({ orders: 1, spent: { USD: { orders: 1, gross: 4200 } } });
    expect(profile.preferences?.language).toBe('fr');
    expect(profile.consent?.['email/marketing']?.granted).toBe(true);
    expect(profile.history).toEqual([
      { at: ms('2025-01-02T00:00:00Z'), fields: ['birthday', 'hobbies'] },
      { at: ms('2025-01-02T00:00:00Z'), fields: ['attributes.nickname'] },
    ]);
  });

  it('ignores personal data arriving after the erasure, whatever its event time', () => {
    const { event, events } = history();
    event(
      'ContactDetailsChanged',
      { changes: { name: { given: 'Eve', family: 'Late' } } },
      '2025-01-15T00:00:00Z',
    );
    event('PersonalDetailsRecorded', { hobbies: ['sailing'] }, '2025-03-01T00:00:00Z');
    event('TagAdded', { tag: 'eve.late@example.com' }, '2025-03-01T00:00:00Z');
    event('CustomAttributeSet', { key: 'nickname', value: 'Evie' }, '2025-03-01T00:00:00Z');
    const profile = profileOf(events);
    expect(profile.contact).toBeUndefined();
    expect(profile.personal).toBeUndefined();
    expect(profile.tags).toBeUndefined();
    expect(profile.attributes).toBeUndefined();
  });

  it('is dated at its event time, not the wall clock, and keeps every fact of the unforgotten profile', () => {
    const { events } = history();
    const erasure = events.find((e) => e.type === 'CustomerForgotten')!;
    const unforgotten = profileOf(events.filter((e) => e !== erasure));
    const profile = profileOf(events);
    expect(profile.asOf).toBe(ms(erasure.metadata.occurredAt));
    expect(profile.asOf).toBeLessThan(Date.now() - 365 * 86_400_000);
    expect(profile.commerce).toEqual(unforgotten.commerce);
    expect(profile.customerSince).toBe(unforgotten.customerSince);
  });

  it('erases the records it absorbed, in the parts an unmerge would give back', () => {
    const { event, events } = createHistory('keep');
    const dup = { customerId: 'dup' };
    event('CustomerRegistered', { kind: 'customer', name: { given: 'Keep' } }, '2025-01-01T00:00:00Z');
    event('CustomerRegistered', { kind: 'customer', name: { given: 'Grace' } }, '2025-01-02T00:00:00Z', dup);
    event('TagAdded', { tag: 'grace.hopper@navy.mil' }, '2025-01-03T00:00:00Z', dup);
    event('PurchaseCompleted', purchase('o1', 900), '2025-01-03T00:00:00Z', dup);
    event('CustomerMergedInto', { survivorId: 'keep' }, '2025-01-04T00:00:00Z', dup);
    event(
      'CustomersMerged',
      { absorbedId: 'dup', transferred: { orders: [], invoices: [] } },
      '2025-01-04T00:00:00Z',
    );
    expect(JSON.stringify(profileOf(events, undefined, 'keep').identity)).toContain('Grace');
    event('CustomerForgotten', { reason: 'subject_request' }, '2025-01-05T00:00:00Z');
    const profile = profileOf(events, undefined, 'keep');
    expect(JSON.stringify(profile)).not.toMatch(/Keep|Grace|grace\.hopper/);
    expect(profile.identity?.parts?.dup?.forgotten?.reason).toBe('subject_request');
    expect(profile.commerce?.orders).toBe(1);
  });
});
