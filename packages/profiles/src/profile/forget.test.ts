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
    expect(JSON.stringify(profile)).not.toMatch(/Eve|eve@example|climbing|evie|1990-02-03/);
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
    const profile = profileOf(events);
    expect(profile.contact).toBeUndefined();
    expect(profile.personal).toBeUndefined();
  });
});
