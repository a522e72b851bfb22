import { describe, expect, it } from 'vitest';
import { createHistory, ms, profileOf } from '../__fixtures__/events';
import { averageRating, averageScore, meanResolutionMs } from './selectors';

const day = (n: number) => new Date(Date.UTC(2025, 5, 1) + n * 86_400_000).toISOString();

describe('service and feedback', () => {
  it('tracks open and resolved tickets and the mean resolution time', () => {
    const { event, events } = createHistory();
    event('TicketOpened', { ticketId: 't1', category: 'delivery', priority: 'high' }, day(0));
    event('TicketOpened', { ticketId: 't2', category: 'billing', priority: 'low' }, day(1));
    event('TicketOpened', { ticketId: 't3', category: 'billing', priority: 'normal' }, day(2));
    event('TicketResolved', { ticketId: 't1', resolution: 'reshipped' }, day(2));
    event('TicketResolved', { ticketId: 't2', resolution: 'explained' }, day(5));
    const profile = profileOf(events);
    expect(profile.service?.tickets).toMatchObject({
      opened: 3,
      resolved: 2,
      open: { t3: { openedAt: ms(day(2)), category: 'billing', priority: 'normal' } },
    });
    expect(meanResolutionMs(profile, 'tickets')).toBe(3 * 86_400_000);
  });

  it('tracks complaints and their outcomes', () => {
    const { event, events } = createHistory();
    event('ComplaintFiled', { complaintId: 'k1', severity: 'high', product: 'kettle' }, day(0));
    event('ComplaintFiled', { complaintId: 'k2', severity: 'low' }, day(1));
    event('ComplaintFiled', { complaintId: 'k3', severity: 'medium' }, day(1));
    event('ComplaintResolved', { complaintId: 'k1', outcome: 'replaced' }, day(4));
    event('ComplaintResolved', { complaintId: 'k2', outcome: 'rejected' }, day(2));
    const profile = profileOf(events);
    expect(profile.service?.complaints).toMatchObject({
      opened: 3,
      resolved: 2,
      outcomes: { replaced: 1, rejected: 1 },
      open: { k3: { filedAt: ms(day(1)), severity: 'medium' } },
    });
    expect(meanResolutionMs(profile, 'complaints')).toBe(2.5 * 86_400_000);
  });

  it('keeps latest and average NPS and CSAT, reviews with ratings, social sentiment and defection', () => {
    const { event, events } = createHistory();
    event('SurveyAnswered', { kind: 'nps', surveyId: 's1', score: 9 }, day(0));
    event('SurveyAnswered', { kind: 'nps', surveyId: 's2', score: 4 }, day(10));
    event('SurveyAnswered', { kind: 'csat', surveyId: 's3', score: 5 }, day(3));
    event('SurveyAnswered', { kind: 'custom', surveyId: 's4', score: 70, scale: 'effort-100' }, day(3));
    event('ReviewPosted', { reviewId: 'v1', rating: 5, platform: 'own_site', product: 'kettle' }, day(1));
    event('ReviewPosted', { reviewId: 'v2', rating: 2, platform: 'rating_site', site: 'trust' }, day(11));
    event('SocialMentioned', { platform: 'x', sentiment: 'negative' }, day(12));
    event('SocialMentioned', { platform: 'x', sentiment: 'positive' }, day(2));
    event('DefectedToCompetitor', { competitor: 'KettleCo', reason: 'service' }, day(20));
    const profile = profileOf(events);
    expect(profile.feedback?.nps).toEqual({ count: 2, total: 13, last: 4, lastAt: ms(day(10)) });
    expect(averageScore(profile, 'nps')).toBe(6.5);
    expect(averageScore(profile, 'csat')).toBe(5);
    expect(averageScore(profile, 'ces')).toBeUndefined();
    expect(averageRating(profile)).toBe(3.5);
    expect(profile.feedback?.reviews?.recent).toEqual([
      { at: ms(day(11)), rating: 2, platform: 'rating_site', site: 'trust' },
      { at: ms(day(1)), rating: 5, platform: 'own_site', product: 'kettle' },
    ]);
    expect(profile.feedback?.social).toEqual({
      mentions: { negative: 1, positive: 1 },
      last: 'negative',
      lastAt: ms(day(12)),
    });
    expect(profile.feedback?.defection).toEqual({
      at: ms(day(20)),
      competitor: 'KettleCo',
      reason: 'service',
    });
    expect(profile.stage).toBe('defected');
  });

  it('keeps consent per channel and purpose, the latest grant or withdrawal winning', () => {
    const { event, events } = createHistory();
    event('ConsentGranted', { channel: 'email', purpose: 'marketing' }, day(0));
    event('ConsentWithdrawn', { channel: 'email', purpose: 'marketing' }, day(5));
    event('ConsentGranted', { channel: 'email', purpose: 'marketing' }, day(3));
    event('ConsentGranted', { channel: 'sms', purpose: 'service', expiresAt: day(30) }, day(1));
    const profile = profileOf(events);
    expect(profile.consent).toEqual({
      'email/marketing': { granted: false, at: ms(day(5)) },
      'sms/service': { granted: true, at: ms(day(1)), expiresAt: day(30) },
    });
  });
});
