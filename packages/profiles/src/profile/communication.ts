import type { Channel } from '@rapport/core';
import { ownValue } from '@rapport/core';
import { maxTime } from '../internal/order';

/** One of our recent messages: its id, when we sent it, and when the customer first replied (null: not yet). */
export type SentMessage = readonly [messageId: string, sentAt: number, repliedAt: number | null];

/** A reply to a message not among our recent ones (yet): its message id and when it came. */
export type UnmatchedReply = readonly [inReplyTo: string, repliedAt: number];

/** Conversations with the customer. Times are epoch ms. */
export interface CommunicationSection {
  /** Last contact per channel, either direction. */
  readonly lastContact?: Readonly<Partial<Record<Channel, number>>>;
  /** Messages and calls from the customer, and from us. */
  readonly inbound?: number;
  readonly outbound?: number;
  readonly calls?: number;
  readonly meetings?: number;
  readonly notes?: number;
  readonly opens?: number;
  readonly clicks?: number;
  readonly lastOpenAt?: number;
  readonly lastClickAt?: number;
  /** Our most recent messages (at most `responseWindow`), newest first: the base of the response figures. */
  readonly sent?: readonly SentMessage[];
  readonly unmatched?: readonly UnmatchedReply[];
  /** Share of `sent` the customer replied to, 0..1. */
  readonly responseRate?: number;
  /** Median time from our message to the customer's first reply, over the replied messages in `sent`. */
  readonly medianResponseMs?: number;
}

/** Counts a contact on a channel in one direction. */
export const touch = (
  section: CommunicationSection | undefined,
  channel: Channel,
  direction: 'inbound' | 'outbound' | undefined,
  at: number,
): CommunicationSection => {
  const current = section ?? {};
  const last = ownValue(current.lastContact, channel);
  return {
    ...current,
    ...((last === undefined || at > last) && { lastContact: { ...current.lastContact, [channel]: at } }),
    ...(direction && { [direction]: (current[direction] ?? 0) + 1 }),
  };
};

/** Adds one to a counter of the section. */
export const count = (
  section: CommunicationSection | undefined,
  key: 'calls' | 'meetings' | 'notes' | 'opens' | 'clicks',
): CommunicationSection => ({ ...section, [key]: (section?.[key] ?? 0) + 1 });

/** Records an open or a click at `at` (count and latest time). */
export const engage = (
  section: CommunicationSection | undefined,
  kind: 'opens' | 'clicks',
  at: number,
): CommunicationSection => {
  const lastKey = kind === 'opens' ? 'lastOpenAt' : 'lastClickAt';
  return { ...count(section, kind), [lastKey]: maxTime(section?.[lastKey], at)! };
};

const bySentDesc = (x: SentMessage, y: SentMessage) =>
  y[1] - x[1] || (x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0);
const byReplyDesc = (x: UnmatchedReply, y: UnmatchedReply) =>
  y[1] - x[1] || (x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0);
const earliest = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** Recomputes response rate and median response time from the window of sent messages. */
const withRates = (section: CommunicationSection): CommunicationSection => {
  const { responseRate: _r, medianResponseMs: _m, ...rest } = section;
  const sent = section.sent ?? [];
  if (sent.length === 0) return rest;
  const delays: number[] = [];
  for (const [, sentAt, repliedAt] of sent)
    if (repliedAt !== null) delays.push(Math.max(0, repliedAt - sentAt));
  const responseRate = Math.round((delays.length / sent.length) * 1000) / 1000;
  if (delays.length === 0) return { ...rest, responseRate };
  delays.sort((x, y) => x - y);
  const middle = delays.length >> 1;
  const medianResponseMs =
    delays.length % 2 === 1 ? delays[middle]! : Math.round((delays[middle - 1]! + delays[middle]!) / 2);
  return { ...rest, responseRate, medianResponseMs };
};

/**
 * Rebuilds the window from candidate sent messages and replies: keeps the newest `limit` messages (by time, then
 * id), attaches each reply to its message, and keeps the newest `limit` replies whose message is not in the window.
 * The result depends only on the set of messages and replies seen, never on their order.
 */
const settle = (
  section: CommunicationSection,
  sent: SentMessage[],
  replies: UnmatchedReply[],
  limit: number,
): CommunicationSection => {
  const byId = new Map<string, SentMessage>();
  for (const message of sent) {
    const prior = byId.get(message[0]);
    byId.set(
      message[0],
      prior === undefined
        ? message
        : [message[0], Math.min(prior[1], message[1]), earliest(prior[2], message[2])],
    );
  }
  const window = [...byId.values()].sort(bySentDesc);
  // replies attached to messages falling out of the window go back to the unmatched list
  for (const [messageId, , repliedAt] of window.slice(limit))
    if (repliedAt !== null) replies.push([messageId, repliedAt]);
  const kept = window.slice(0, limit);
  const index = new Map(kept.map((message, i) => [message[0], i]));
  const unmatched = new Map<string, number>();
  for (const [messageId, repliedAt] of replies) {
    const i = index.get(messageId);
    if (i !== undefined) {
      const message = kept[i]!;
      kept[i] = [message[0], message[1], earliest(message[2], repliedAt)];
    } else unmatched.set(messageId, Math.min(unmatched.get(messageId) ?? repliedAt, repliedAt));
  }
  const orphans = [...unmatched.entries()].sort(byReplyDesc).slice(0, limit);
  const { sent: _s, unmatched: _u, ...rest } = section;
  return withRates({
    ...rest,
    ...(kept.length > 0 && { sent: kept }),
    ...(orphans.length > 0 && { unmatched: orphans }),
  });
};

/** Records one of our messages in the response window. */
export const addSent = (
  section: CommunicationSection,
  messageId: string,
  at: number,
  limit: number,
): CommunicationSection => {
  const sent = section.sent ?? [];
  const oldest = sent[sent.length - 1];
  // fast path: a message older than a full window cannot enter it and leaves the figures alone
  if (sent.length >= limit && oldest !== undefined && bySentDesc([messageId, at, null], oldest) > 0) {
    return section;
  }
  return settle(section, [...sent, [messageId, at, null]], [...(section.unmatched ?? [])], limit);
};

/** Records a reply from the customer to one of our messages. */
export const addReply = (
  section: CommunicationSection,
  inReplyTo: string,
  at: number,
  limit: number,
): CommunicationSection =>
  settle(section, [...(section.sent ?? [])], [...(section.unmatched ?? []), [inReplyTo, at]], limit);

/** Merges two communication sections: counters add up, latest times take the max, windows merge. */
export const mergeCommunication = (
  a: CommunicationSection | undefined,
  b: CommunicationSection | undefined,
  limit: number,
): CommunicationSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: Record<string, unknown> = { ...a };
  for (const key of ['inbound', 'outbound', 'calls', 'meetings', 'notes', 'opens', 'clicks'] as const) {
    if (b[key] !== undefined) out[key] = (a[key] ?? 0) + b[key];
  }
  for (const key of ['lastOpenAt', 'lastClickAt'] as const) {
    if (b[key] !== undefined) out[key] = maxTime(a[key], b[key]);
  }
  let lastContact = a.lastContact;
  for (const [channel, at] of Object.entries(b.lastContact ?? {}) as [Channel, number][]) {
    const prior = ownValue(lastContact, channel);
    if (prior === undefined || at > prior) lastContact = { ...lastContact, [channel]: at };
  }
  if (lastContact) out.lastContact = lastContact;
  const merged = out as CommunicationSection;
  if (b.sent === undefined && b.unmatched === undefined) return merged;
  return settle(
    merged,
    [...(a.sent ?? []), ...(b.sent ?? [])],
    [...(a.unmatched ?? []), ...(b.unmatched ?? [])],
    limit,
  );
};
