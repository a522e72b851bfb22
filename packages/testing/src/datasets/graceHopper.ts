import { type CustomerCommandInput, ERASED, type EventToAppend } from '@rapport/core';

/** A history of one customer with a distinctive value in every kind of personal field, for erasure scans. */
export interface ErasureHistory {
  readonly customerId: string;
  /** Recorded first, with the customer service, as a user would. */
  readonly commands: readonly CustomerCommandInput[];
  /** Appended next to the customer's stream directly: facts no customer command records (loyalty). */
  readonly events: readonly EventToAppend[];
  /** Strings that must not be readable anywhere once she is forgotten, as they appear in JSON. */
  readonly secrets: readonly string[];
  /** What events of each type read as once she is forgotten: non-personal facts as recorded, personal fields erased. */
  readonly afterErasure: readonly {
    readonly type: string;
    readonly data: Readonly<Record<string, unknown>>;
  }[];
}

const touchpoint = (customerId: string, event: unknown): CustomerCommandInput =>
  ({ type: 'RecordTouchpoint', data: { customerId, event } }) as CustomerCommandInput;

/**
 * Grace Hopper, registered with name, email, address and phone, who then filed a complaint, opened a ticket, had a
 * custom attribute and a tag set, and left free text in every family that holds some: messages, calls, meetings,
 * notes, consent proofs, refunds, gifts, reviews, surveys, social mentions, visits and loyalty. Forget `customerId`,
 * then none of `secrets` may remain readable; amounts, counts, severities and dates must.
 */
export const graceHopper = (customerId = 'c-13'): ErasureHistory => ({
  customerId,
  commands: [
    {
      type: 'RegisterCustomer',
      data: {
        customerId,
        kind: 'customer',
        name: { title: 'Rear Admiral', given: 'Grace', middle: 'Brewster', family: 'Hopper' },
        company: 'Remington Rand',
        jobTitle: 'Compiler Pioneer',
        emails: [{ address: 'grace.hopper@navy.mil', label: 'work', primary: true }],
        phones: [{ number: '+1 555 0100', label: 'mobile', primary: true }],
        addresses: [
          {
            label: 'home',
            lines: ['1 Navy Way'],
            city: 'Arlington',
            region: 'Virginia',
            postalCode: 'VA 22202',
            country: 'US',
          },
        ],
        website: 'https://gracehopper.example/',
        socialProfiles: [
          { network: 'twitter', handle: 'amazinggrace', url: 'https://social.example/amazinggrace' },
        ],
        language: 'en',
        timeZone: 'America/New_York',
        acquisition: { channel: 'web', campaign: 'spring-sale', referrer: 'referred by Howard Aiken' },
      },
    },
    {
      type: 'ChangeContactDetails',
      data: {
        customerId,
        changes: { jobTitle: 'Commodore of Code' },
        reason: 'asked to be called Commodore',
      },
    },
    {
      type: 'RecordPersonalDetails',
      data: {
        customerId,
        birthday: '1906-12-09',
        familyMembers: [{ relation: 'spouse', name: 'Vincent Foster Hopper', birthday: '1904-03-07' }],
        hobbies: ['knitting cobol patterns'],
        memberships: [{ group: 'Naval Reserve Club', role: 'Honorary Chair', since: '1943-12-01' }],
      },
    },
    {
      type: 'SetCustomAttribute',
      data: { customerId, key: 'loyalty_card_holder_name', value: 'Grace B. Hopper' },
    },
    { type: 'AddTag', data: { customerId, tag: 'grace.hopper@navy.mil' } },
    {
      type: 'GrantConsent',
      data: { customerId, channel: 'email', purpose: 'marketing', proof: 'signed at the Arlington desk' },
    },
    {
      type: 'WithdrawConsent',
      data: { customerId, channel: 'email', purpose: 'marketing', reason: 'too many emails at night' },
    },
    {
      type: 'RecordPurchase',
      data: {
        customerId,
        orderId: 'o-13',
        lines: [{ sku: 'SKU-TOASTER', name: 'Toaster', category: 'kitchen', quantity: 1, unitPrice: 4200 }],
        total: 4200,
        currency: 'USD',
        paymentMethod: 'card',
      },
    },
    {
      type: 'RecordRefund',
      data: {
        customerId,
        orderId: 'o-13',
        refundId: 'r-13',
        kind: 'refund',
        amount: 1000,
        currency: 'USD',
        reason: 'defective',
        note: 'partial refund agreed with the admiral',
      },
    },
    touchpoint(customerId, {
      type: 'MessageSent',
      data: { messageId: 'm-1', channel: 'email', subject: 'Your parcel, Admiral Hopper' },
    }),
    touchpoint(customerId, {
      type: 'MessageReceived',
      data: {
        messageId: 'm-2',
        channel: 'email',
        subject: 'Re: parcel',
        body: 'Still nothing at 1 Navy Way. Grace',
      },
    }),
    touchpoint(customerId, {
      type: 'LinkClicked',
      data: {
        messageId: 'm-1',
        channel: 'email',
        url: 'https://shop.example/track?for=grace.hopper@navy.mil',
      },
    }),
    touchpoint(customerId, {
      type: 'CallLogged',
      data: {
        callId: 'call-1',
        direction: 'inbound',
        durationSeconds: 754,
        purpose: 'support',
        outcome: 'resolved',
        agent: 'agent-7',
        summary: 'Grace called about the burnt toast, wants a callback',
      },
    }),
    touchpoint(customerId, {
      type: 'MeetingHeld',
      data: {
        meetingId: 'meet-1',
        subject: 'Toaster demo for Grace',
        durationMinutes: 45,
        location: 'Pentagon City Mall food court',
        attendees: ['Grace Hopper', 'Vincent Foster Hopper'],
      },
    }),
    touchpoint(customerId, {
      type: 'NoteAdded',
      data: { noteId: 'n-1', body: 'Prefers to be addressed as Amazing Grace', author: 'agent-7' },
    }),
    touchpoint(customerId, {
      type: 'GiftSent',
      data: {
        giftId: 'g-1',
        description: 'Bouquet for Grace, 1 Navy Way',
        occasion: 'apology',
        value: 2500,
        currency: 'USD',
      },
    }),
    touchpoint(customerId, {
      type: 'TicketOpened',
      data: {
        ticketId: 't-1',
        category: 'delivery',
        priority: 'high',
        subject: 'Grace Hopper, 1 Navy Way, cannot find parcel',
      },
    }),
    touchpoint(customerId, {
      type: 'TicketResolved',
      data: { ticketId: 't-1', resolution: 'redelivered', note: 'left with the neighbour of Mrs Hopper' },
    }),
    touchpoint(customerId, {
      type: 'ComplaintFiled',
      data: {
        complaintId: 'cp-1',
        product: 'SKU-TOASTER',
        severity: 'high',
        description: 'Burns one side; call Grace at +1 555 0100',
      },
    }),
    touchpoint(customerId, {
      type: 'ComplaintResolved',
      data: { complaintId: 'cp-1', outcome: 'replaced', note: 'replacement sent to Arlington' },
    }),
    touchpoint(customerId, {
      type: 'ReviewPosted',
      data: {
        reviewId: 'rv-1',
        rating: 2,
        platform: 'own_site',
        product: 'SKU-TOASTER',
        text: 'As Grace Hopper I found a bug in the toaster',
      },
    }),
    touchpoint(customerId, {
      type: 'SurveyAnswered',
      data: { kind: 'nps', score: 3, surveyId: 's-1', comment: 'would not recommend it to the Navy' },
    }),
    touchpoint(customerId, {
      type: 'SocialMentioned',
      data: {
        platform: 'twitter',
        sentiment: 'negative',
        url: 'https://social.example/amazinggrace/status/1',
        text: 'my toaster burns one side, says Grace',
      },
    }),
    touchpoint(customerId, {
      type: 'DefectedToCompetitor',
      data: { competitor: 'OtherShop', reason: 'service', note: 'left after the parcel saga' },
    }),
    touchpoint(customerId, {
      type: 'SiteVisited',
      data: { page: '/track', referrer: 'https://mail.example/inbox/grace.hopper', durationSeconds: 30 },
    }),
  ],
  events: [
    {
      type: 'LoyaltyEnrolled',
      data: {
        programId: 'stars',
        programVersion: 1,
        memberNumber: 'GH-1906-NAVY',
        tier: 'gold',
        negativeBalancePolicy: 'debt',
      },
    },
    {
      type: 'PointsEarned',
      data: {
        programId: 'stars',
        programVersion: 1,
        earningId: 'e-1',
        points: 420,
        rule: 'purchase',
        breakdown: [{ rule: 'purchase', points: 420 }],
        availableAt: '2024-03-01T00:00:00.000Z',
        debtRecovered: 0,
        cause: { command: 'EarnPoints', orderId: 'o-13' },
      },
    },
    {
      type: 'PointsAdjusted',
      data: {
        programId: 'stars',
        adjustmentId: 'adj-1',
        points: 50,
        reason: 'goodwill for the toaster saga',
        adjustedBy: 'agent-7',
        lots: [],
        cause: { command: 'AdjustPoints' },
      },
    },
    {
      type: 'PointsReversed',
      data: {
        programId: 'stars',
        refundId: 'r-1',
        points: 100,
        earningId: 'e-1',
        fromLot: 100,
        shortfall: 0,
        shortfallAs: 'debt',
        reason: 'refund Grace agreed to',
        cause: { command: 'ReversePoints', refundId: 'r-1' },
      },
    },
    {
      type: 'TierChanged',
      data: {
        programId: 'stars',
        programVersion: 1,
        from: 'gold',
        to: 'silver',
        reasonKind: 'downgrade',
        basis: [],
        reason: 'Hopper spent less this year',
        cause: { command: 'ChangeTier' },
      },
    },
  ],
  secrets: [
    'Grace',
    'Hopper',
    'Grace B. Hopper',
    'grace.hopper@navy.mil',
    '555 0100',
    '1 Navy Way',
    'Rear Admiral',
    'Brewster',
    'Remington Rand',
    'Compiler Pioneer',
    'Arlington',
    'Virginia',
    'VA 22202',
    'gracehopper.example',
    'amazinggrace',
    'Howard Aiken',
    'Commodore',
    '1906-12-09',
    '1904-03-07',
    'knitting cobol patterns',
    'Naval Reserve Club',
    'Honorary Chair',
    'signed at the Arlington desk',
    'too many emails at night',
    'partial refund agreed',
    'Admiral',
    'Still nothing at',
    'burnt toast',
    'Pentagon City Mall',
    'Amazing Grace',
    'Bouquet for',
    'cannot find parcel',
    'left with the neighbour',
    'replacement sent to',
    'bug in the toaster',
    'would not recommend it to the Navy',
    'my toaster burns',
    'parcel saga',
    'mail.example/inbox',
    'GH-1906-NAVY',
    'goodwill for the toaster',
    'refund Grace agreed',
    'spent less this year',
  ],
  afterErasure: [
    {
      type: 'CustomerRegistered',
      data: {
        name: { given: ERASED, family: ERASED },
        emails: [{ address: ERASED, primary: true }],
        addresses: [{ lines: [ERASED], region: ERASED, country: 'US' }],
        language: 'en',
        acquisition: { channel: 'web', campaign: 'spring-sale', referrer: ERASED },
      },
    },
    { type: 'ContactDetailsChanged', data: { changes: { jobTitle: ERASED }, reason: ERASED } },
    {
      type: 'PersonalDetailsRecorded',
      data: {
        birthday: ERASED,
        hobbies: [ERASED],
        memberships: [{ group: ERASED, role: ERASED, since: '1943-12-01' }],
      },
    },
    { type: 'CustomAttributeSet', data: { key: 'loyalty_card_holder_name', value: ERASED } },
    { type: 'TagAdded', data: { tag: ERASED } },
    { type: 'ConsentGranted', data: { channel: 'email', purpose: 'marketing', proof: ERASED } },
    {
      type: 'PurchaseCompleted',
      data: {
        orderId: 'o-13',
        total: 4200,
        currency: 'USD',
        lines: [{ sku: 'SKU-TOASTER', category: 'kitchen', quantity: 1, unitPrice: 4200 }],
      },
    },
    { type: 'OrderRefunded', data: { amount: 1000, reason: 'defective', note: ERASED } },
    { type: 'MessageReceived', data: { channel: 'email', subject: ERASED, body: ERASED } },
    { type: 'CallLogged', data: { durationSeconds: 754, outcome: 'resolved', summary: ERASED } },
    { type: 'MeetingHeld', data: { durationMinutes: 45, location: ERASED, attendees: [ERASED, ERASED] } },
    { type: 'NoteAdded', data: { body: ERASED } },
    { type: 'GiftSent', data: { value: 2500, occasion: 'apology', description: ERASED } },
    { type: 'TicketOpened', data: { priority: 'high', category: 'delivery', subject: ERASED } },
    { type: 'ComplaintFiled', data: { severity: 'high', product: 'SKU-TOASTER', description: ERASED } },
    { type: 'ReviewPosted', data: { rating: 2, product: 'SKU-TOASTER', text: ERASED } },
    { type: 'SurveyAnswered', data: { kind: 'nps', score: 3, comment: ERASED } },
    { type: 'SiteVisited', data: { page: '/track', durationSeconds: 30, referrer: ERASED } },
    { type: 'LoyaltyEnrolled', data: { tier: 'gold', memberNumber: ERASED } },
    { type: 'PointsEarned', data: { points: 420, cause: { orderId: 'o-13' } } },
    { type: 'TierChanged', data: { from: 'gold', to: 'silver', reason: ERASED } },
  ],
});
