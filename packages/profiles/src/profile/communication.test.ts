import { foldProjection } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { createHistory, ms, profileOf } from '../__fixtures__/events';
import { createProfileProjection } from './profileProjection';

const minutes = (n: number) => new Date(Date.UTC(2025, 4, 1) + n * 60_000).toISOString();

describe('communication', () => {
  it('knows the last contact per channel and counts inbound and outbound touches', () => {
    const { event, events } = createHistory();
    event('MessageSent', { messageId: 'm1', channel: 'email' }, minutes(0));
    event('MessageReceived', { messageId: 'r1', channel: 'email' }, minutes(5));
    event(
      'CallLogged',
      { callId: 'k1', direction: 'inbound', durationSeconds: 60, purpose: 'support', outcome: 'resolved' },
      minutes(10),
    );
    event('MeetingHeld', { meetingId: 'g1', durationMinutes: 30 }, minutes(20));
    event('NoteAdded', { noteId: 'n1', body: 'prefers mornings' }, minutes(21));
    event('MessageOpened', { messageId: 'm1', channel: 'email' }, minutes(2));
    event('LinkClicked', { messageId: 'm1', channel: 'email', url: 'https://shop.example.com' }, minutes(3));
    const profile = profileOf(events);
    expect(profile.communication).toMatchObject({
      lastContact: { email: ms(minutes(5)), phone: ms(minutes(10)), in_person: ms(minutes(20)) },
      inbound: 2,
      outbound: 1,
      calls: 1,
      meetings: 1,
      notes: 1,
      opens: 1,
      clicks: 1,
      lastOpenAt: ms(minutes(2)),
      lastClickAt: ms(minutes(3)),
    });
  });

  it('measures response rate and median response time to our messages through inReplyTo', () => {
    const { event, events } = createHistory();
    event('MessageSent', { messageId: 'm1', channel: 'email' }, minutes(0));
    event('MessageSent', { messageId: 'm2', channel: 'sms' }, minutes(10));
    event('MessageSent', { messageId: 'm3', channel: 'email' }, minutes(20));
    event('MessageSent', { messageId: 'm4', channel: 'email' }, minutes(30));
    event('MessageReceived', { messageId: 'r1', channel: 'email', inReplyTo: 'm1' }, minutes(4));
    event('MessageReceived', { messageId: 'r2', channel: 'sms', inReplyTo: 'm2' }, minutes(70));
    event('MessageReceived', { messageId: 'r3', channel: 'email', inReplyTo: 'm3' }, minutes(30));
    // a second reply to m1 does not count twice
    event('MessageReceived', { messageId: 'r4', channel: 'email', inReplyTo: 'm1' }, minutes(90));
    const profile = profileOf(events);
    expect(profile.communication?.responseRate).toBe(0.75);
    expect(profile.communication?.medianResponseMs).toBe(10 * 60_000); // delays 4, 10, 60 minutes
  });

  it('keeps only the most recent messages in the response window, so the profile stays small', () => {
    const { event, events } = createHistory();
    for (let i = 0; i < 50; i++)
      event('MessageSent', { messageId: `m${i}`, channel: 'email' }, minutes(i * 10));
    event('MessageReceived', { messageId: 'r', channel: 'email', inReplyTo: 'm49' }, minutes(495));
    event('MessageReceived', { messageId: 'old', channel: 'email', inReplyTo: 'm0' }, minutes(500));
    const result = foldProjection(createProfileProjection({ responseWindow: 5 }), events);
    const communication = result.documents.get('c1')?.communication;
    expect(communication?.sent?.map(([id]) => id)).toEqual(['m49', 'm48', 'm47', 'm46', 'm45']);
    expect(communication?.unmatched).toEqual([['m0', ms(minutes(500))]]);
    expect(communication?.responseRate).toBe(0.2);
    expect(communication?.medianResponseMs).toBe(5 * 60_000);
    expect(communication?.outbound).toBe(50);
  });
});
