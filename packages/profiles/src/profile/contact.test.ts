import { describe, expect, it } from 'vitest';
import { createHistory, ms, profileOf } from '../__fixtures__/events';
import { currentTags } from './selectors';

describe('identity and contact', () => {
  it('shows the registered contact details, preferences and acquisition source', () => {
    const { event, events } = createHistory();
    event(
      'CustomerRegistered',
      {
        kind: 'customer',
        name: { given: 'Ada', family: 'Lovelace', title: 'Dr' },
        company: 'Analytical Engines',
        jobTitle: 'Mathematician',
        emails: [{ address: 'ada@example.com', label: 'work', primary: true }],
        phones: [{ number: '+44 20 7946 0000', label: 'mobile', primary: true }],
        addresses: [{ label: 'home', lines: ['12 St James Square'], city: 'London', country: 'GB' }],
        website: 'https://ada.example.com',
        socialProfiles: [{ network: 'mastodon', handle: '@ada' }],
        language: 'en',
        timeZone: 'Europe/London',
        acquisition: { channel: 'web', campaign: 'spring' },
      },
      '2025-01-10T09:00:00Z',
    );
    const profile = profileOf(events);
    expect(profile.registeredAt).toBe(ms('2025-01-10T09:00:00Z'));
    expect(profile.customerSince).toBe(ms('2025-01-10T09:00:00Z'));
    expect(profile.acquisition).toEqual({ channel: 'web', campaign: 'spring' });
    expect(profile.contact).toMatchObject({
      name: { given: 'Ada', family: 'Lovelace', title: 'Dr' },
      company: 'Analytical Engines',
      jobTitle: 'Mathematician',
      emails: [{ address: 'ada@example.com', label: 'work', primary: true }],
      website: 'https://ada.example.com',
      socialProfiles: [{ network: 'mastodon', handle: '@ada' }],
    });
    expect(profile.preferences).toMatchObject({ language: 'en', timeZone: 'Europe/London' });
    expect(profile.stage).toBe('new');
  });

  it('keeps the latest value of each field and a history of who changed what, when', () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'prospect', name: { given: 'Grace' } }, '2025-01-01T00:00:00Z');
    event(
      'ContactDetailsChanged',
      { changes: { name: { given: 'Grace', family: 'Hopper' }, jobTitle: 'Rear Admiral' } },
      '2025-02-01T00:00:00Z',
      { actor: 'agent-7', source: 'call-centre' },
    );
    event('ContactDetailsChanged', { changes: { jobTitle: 'Commodore' } }, '2025-01-15T00:00:00Z', {
      actor: 'importer',
    });
    const profile = profileOf(events);
    // the late, older change of job title loses to the newer one
    expect(profile.contact?.jobTitle).toBe('Rear Admiral');
    expect(profile.contact?.name).toEqual({ given: 'Grace', family: 'Hopper' });
    expect(profile.contact?.changedAt).toEqual({
      name: ms('2025-02-01T00:00:00Z'),
      jobTitle: ms('2025-02-01T00:00:00Z'),
    });
    expect(profile.history).toEqual([
      { at: ms('2025-02-01T00:00:00Z'), fields: ['jobTitle', 'name'], by: 'agent-7', via: 'call-centre' },
      { at: ms('2025-01-15T00:00:00Z'), fields: ['jobTitle'], by: 'importer' },
    ]);
    expect(profile.stage).toBe('prospect');
  });

  it('keeps personal details, tags and custom attributes', () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'customer' }, '2025-01-01T00:00:00Z');
    event(
      'PersonalDetailsRecorded',
      {
        birthday: '04-12',
        anniversary: '2010-06-01',
        familyMembers: [{ relation: 'child', name: 'Byron' }],
        hobbies: ['chess'],
        memberships: [{ group: 'Royal Society', since: '2020-01-01' }],
      },
      '2025-01-02T00:00:00Z',
    );
    event('TagAdded', { tag: 'vip' }, '2025-01-03T00:00:00Z');
    event('TagAdded', { tag: 'newsletter' }, '2025-01-03T00:00:00Z');
    event('TagRemoved', { tag: 'newsletter' }, '2025-01-04T00:00:00Z');
    event('TagAdded', { tag: 'newsletter' }, '2025-01-02T00:00:00Z');
    event('CustomAttributeSet', { key: 'shoeSize', value: 38 }, '2025-01-05T00:00:00Z');
    event('CustomAttributeSet', { key: 'segment', value: 'gold' }, '2025-01-05T00:00:00Z');
    event('CustomAttributeSet', { key: 'segment', value: null }, '2025-01-06T00:00:00Z');
    const profile = profileOf(events);
    expect(profile.personal).toMatchObject({
      birthday: '04-12',
      anniversary: '2010-06-01',
      familyMembers: [{ relation: 'child', name: 'Byron' }],
      hobbies: ['chess'],
      memberships: [{ group: 'Royal Society', since: '2020-01-01' }],
    });
    // a late add older than the removal does not bring the tag back
    expect(currentTags(profile)).toEqual(['vip']);
    expect(profile.attributes?.values).toEqual({ shoeSize: 38, segment: null });
  });

  it('records preferences: preferred channel, quiet hours and time zone, the latest winning', () => {
    const { event, events } = createHistory();
    event('CustomerRegistered', { kind: 'customer', timeZone: 'Europe/Paris' }, '2025-01-01T00:00:00Z');
    event(
      'ContactPreferencesSet',
      { preferredChannel: 'sms', quietHours: { start: '21:00', end: '08:00' }, timeZone: 'America/New_York' },
      '2025-03-01T00:00:00Z',
    );
    expect(profileOf(events).preferences).toMatchObject({
      preferredChannel: 'sms',
      quietHours: { start: '21:00', end: '08:00' },
      timeZone: 'America/New_York',
    });
  });
});
