import type { RecordedEvent, TouchpointData, TouchpointEventType } from '@rapport/core';
import { arbitraryTouchpoint, arbitraryUserKey } from '@rapport/testing';
import fc from 'fast-check';
import { createHistory } from './events';

/** Test-only: one event of a generated history, before it is recorded. */
export interface EventSpec {
  readonly type: TouchpointEventType;
  readonly data: unknown;
  readonly at: number;
  readonly actor?: string;
}

const dayMs = 86_400_000;
/** Test-only: the first instant generated histories use. */
export const historyStart = Date.UTC(2024, 0, 1);
const span = 500;

/** Event times over ~500 days, often on whole days so that ties in time happen. */
export const arbitraryTime = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: historyStart, max: historyStart + span * dayMs }),
    fc.integer({ min: 0, max: span }).map((d) => historyStart + d * dayMs),
  );

const spec = <TType extends TouchpointEventType>(
  type: TType,
  tweak: (data: TouchpointData<TType>) => unknown = (data) => data,
): fc.Arbitrary<EventSpec> =>
  fc
    .record({
      data: arbitraryTouchpoint(type).map((event) => tweak(event.data as TouchpointData<TType>)),
      at: arbitraryTime(),
      actor: fc.option(fc.constantFrom('agent-1', 'agent-2', 'importer'), { nil: undefined }),
    })
    .map(({ data, at, actor }) => ({ type, data, at, ...(actor !== undefined && { actor }) }));

const currency = fc.constantFrom('USD', 'EUR');
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
/** Attribute keys start with a letter, so `__proto__` is no valid one; `constructor` is. */
const attributeKey = arbitraryUserKey({ pool: ['a', 'b'], filter: (key) => /^[a-zA-Z]/.test(key) });

/** Facts with no link to another event (ids drawn from small pools so registers and counters collide). */
const arbitraryFact = (options: { forgettable: boolean }): fc.Arbitrary<EventSpec> =>
  fc.oneof(
    spec('CustomerRegistered'),
    spec('ContactDetailsChanged'),
    spec('PersonalDetailsRecorded'),
    spec('ContactPreferencesSet'),
    fc
      .tuple(spec('CustomAttributeSet'), attributeKey)
      .map(([s, key]) => ({ ...s, data: { ...(s.data as object), key } })),
    fc
      .tuple(spec('TagAdded'), arbitraryUserKey({ pool: ['x', 'y'] }))
      .map(([s, tag]) => ({ ...s, data: { tag } })),
    fc
      .tuple(spec('TagRemoved'), arbitraryUserKey({ pool: ['x', 'y'] }))
      .map(([s, tag]) => ({ ...s, data: { tag } })),
    fc
      .tuple(spec('ConsentGranted'), pick(['email', 'sms'] as const))
      .map(([s, channel]) => ({ ...s, data: { ...(s.data as object), channel, purpose: 'marketing' } })),
    fc
      .tuple(spec('ConsentWithdrawn'), pick(['email', 'sms'] as const))
      .map(([s, channel]) => ({ ...s, data: { ...(s.data as object), channel, purpose: 'marketing' } })),
    spec('ProspectConverted'),
    fc
      .tuple(spec('PurchaseCompleted'), currency, arbitraryUserKey({ pool: ['jazz', 'rock', 'pop'] }))
      .map(([s, cur, category]) => {
        const data = s.data as TouchpointData<'PurchaseCompleted'>;
        const lines = data.lines
          .slice(0, 3)
          .map((line, i) => ({ ...line, category: i === 0 ? category : 'misc' }));
        return { ...s, data: { ...data, currency: cur, lines } };
      }),
    fc
      .tuple(spec('OrderRefunded'), currency)
      .map(([s, cur]) => ({ ...s, data: { ...(s.data as object), currency: cur } })),
    spec('CreditTermsAgreed'),
    spec('MessageOpened'),
    spec('LinkClicked'),
    spec('CallLogged'),
    spec('MeetingHeld'),
    spec('NoteAdded'),
    spec('CampaignResponded'),
    spec('PromotionRedeemed'),
    spec('GiftSent'),
    spec('ReviewPosted'),
    spec('SurveyAnswered'),
    spec('SocialMentioned'),
    spec('DefectedToCompetitor'),
    spec('SiteVisited'),
    spec('SignedUp'),
    spec('CartAbandoned'),
    ...(options.forgettable ? [spec('CustomerForgotten')] : []),
  );

/** Invoices with unique ids, each paid in parts that never exceed it (as the decider guarantees). */
const arbitraryInvoices = (prefix: string): fc.Arbitrary<EventSpec[]> =>
  fc
    .array(
      fc.record({
        amount: fc.integer({ min: 1, max: 100_000 }),
        issuedAt: arbitraryTime(),
        dueInDays: fc.integer({ min: 0, max: 60 }),
        payments: fc.array(fc.record({ share: fc.integer({ min: 1, max: 100 }), at: arbitraryTime() }), {
          maxLength: 3,
        }),
      }),
      { maxLength: 2 },
    )
    .map((invoices) =>
      invoices.flatMap(({ amount, issuedAt, dueInDays, payments }, i) => {
        const invoiceId = `${prefix}i${i}`;
        const dueDate = new Date(issuedAt + dueInDays * dayMs).toISOString().slice(0, 10);
        let left = amount;
        const paid: EventSpec[] = [];
        for (const [k, { share, at }] of payments.entries()) {
          const part = Math.min(left, Math.max(1, Math.floor((amount * share) / 100)));
          if (part <= 0) break;
          left -= part;
          paid.push({
            type: 'PaymentReceived',
            at,
            data: {
              paymentId: `${invoiceId}p${k}`,
              invoiceId,
              amount: part,
              currency: 'USD',
              method: 'card',
            },
          });
        }
        return [
          { type: 'InvoiceIssued', at: issuedAt, data: { invoiceId, amount, currency: 'USD', dueDate } },
          ...paid,
        ];
      }),
    );

/** Our messages (unique ids) and the customer's messages, some replying to ours, some to unknown ones. */
const arbitraryConversation = (prefix: string): fc.Arbitrary<EventSpec[]> =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 6 }),
      fc.array(
        fc.record({ to: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), at: arbitraryTime() }),
        {
          maxLength: 5,
        },
      ),
      fc.array(arbitraryTime(), { minLength: 6, maxLength: 6 }),
    )
    .map(([sent, received, times]) => [
      ...sent.map(
        (n, i): EventSpec => ({
          type: 'MessageSent',
          at: times[i]!,
          data: { messageId: `${prefix}m${n}`, channel: 'email' },
        }),
      ),
      ...received.map(
        ({ to, at }, i): EventSpec => ({
          type: 'MessageReceived',
          at,
          data: {
            messageId: `${prefix}r${i}`,
            channel: 'sms',
            ...(to !== undefined && { inReplyTo: `${prefix}m${to}` }),
          },
        }),
      ),
    ]);

/** Tickets and complaints with unique ids, some resolved. */
const arbitraryCases = (prefix: string): fc.Arbitrary<EventSpec[]> =>
  fc
    .array(
      fc.record({
        complaint: fc.boolean(),
        openedAt: arbitraryTime(),
        resolvedAt: fc.option(arbitraryTime(), { nil: undefined }),
      }),
      { maxLength: 4 },
    )
    .map((cases) =>
      cases.flatMap(({ complaint, openedAt, resolvedAt }, i): EventSpec[] => {
        const id = `${prefix}k${i}`;
        const open: EventSpec = complaint
          ? { type: 'ComplaintFiled', at: openedAt, data: { complaintId: id, severity: 'high' } }
          : {
              type: 'TicketOpened',
              at: openedAt,
              data: { ticketId: id, category: 'delivery', priority: 'normal' },
            };
        if (resolvedAt === undefined) return [open];
        const resolved: EventSpec = complaint
          ? { type: 'ComplaintResolved', at: resolvedAt, data: { complaintId: id, outcome: 'refunded' } }
          : { type: 'TicketResolved', at: resolvedAt, data: { ticketId: id, resolution: 'done' } };
        return [open, resolved];
      }),
    );

/** Test-only: a valid history of one customer's touchpoints, in no particular order. */
export const arbitraryHistory = (
  options: { prefix?: string; maxFacts?: number; forgettable?: boolean } = {},
): fc.Arbitrary<EventSpec[]> => {
  const prefix = options.prefix ?? '';
  return fc
    .tuple(
      fc.array(arbitraryFact({ forgettable: options.forgettable ?? true }), {
        maxLength: options.maxFacts ?? 25,
      }),
      arbitraryInvoices(prefix),
      arbitraryConversation(prefix),
      arbitraryCases(prefix),
    )
    .map((parts) => parts.flat());
};

/** Test-only: records specs for a customer in the given order (global positions follow that order). */
export const recordAll = (
  specs: readonly (EventSpec & { customerId?: string })[],
  customerId = 'c1',
): RecordedEvent[] => {
  const { event } = createHistory(customerId);
  return specs.map((s) =>
    event(s.type, s.data as never, new Date(s.at).toISOString(), {
      customerId: s.customerId ?? customerId,
      ...(s.actor !== undefined && { actor: s.actor }),
    }),
  );
};

/** Test-only: events sorted by event time (ties by position), the order a live system would see them. */
export const inTimeOrder = (events: readonly RecordedEvent[]): RecordedEvent[] =>
  [...events].sort((a, b) =>
    a.metadata.occurredAt < b.metadata.occurredAt
      ? -1
      : a.metadata.occurredAt > b.metadata.occurredAt
        ? 1
        : Number(a.globalPosition - b.globalPosition),
  );
