import type { TouchpointEventType } from './index';

// Reasons shared by many fields. Each names what the value is and why erasure need not reach it.
const ID = 'an opaque id the business assigns; ids must never be built from a name, email or phone';
const CUSTOMER_ID = 'an opaque customer id (it names the stream); never an email or a name';
const CURRENCY = 'an ISO-4217 code';
const DATE = 'a date or time: a non-personal fact that still counts after erasure';
const SKU = 'a product code from the business catalogue';
const PRODUCT_NAME = "a product's name from the business catalogue, not text about the customer";
const CATEGORY = 'a category from the business catalogue';
const CAMPAIGN = "a campaign, medium or keyword tag of the business's own marketing";
const PROGRAM = "a loyalty program, tier, rule or reward of the business's own";
const STAFF = 'the member of staff or system that acted, for accountability; never the customer';
const COUNTRY = 'an ISO-3166 country code: too coarse to identify anyone, used in aggregates by country';
const LANGUAGE = 'a BCP-47 code, used in aggregates by language';
const TIME_ZONE = 'an IANA time zone name, used for scheduling';
const NETWORK = "the social network's name (twitter, linkedin), not the customer's handle";

const orders = {
  'orders[].orderId': ID,
  'orders[].currency': CURRENCY,
  'orders[].orderedAt': DATE,
  'orders[].skus[].sku': SKU,
  'invoices[].invoiceId': ID,
  'invoices[].currency': CURRENCY,
  'openTickets[]': ID,
  'openComplaints[]': ID,
};
const transferred = (root: string) =>
  Object.fromEntries(Object.entries(orders).map(([path, why]) => [`${root}.${path}`, why]));

const contact = (root: string) => ({
  [`${root}addresses[].country`]: COUNTRY,
  [`${root}socialProfiles[].network`]: NETWORK,
  [`${root}language`]: LANGUAGE,
  [`${root}timeZone`]: TIME_ZONE,
});
const pointsCause = {
  'cause.command': 'the name of the library command that moved the points',
  'cause.eventId': ID,
  'cause.orderId': ID,
  'cause.refundId': ID,
};
const lotShares = { 'lots[].earningId': ID };
const campaignTags = {
  'campaign.source': CAMPAIGN,
  'campaign.medium': CAMPAIGN,
  'campaign.campaign': CAMPAIGN,
  'campaign.term': CAMPAIGN,
  'campaign.content': CAMPAIGN,
};
const orderLines = {
  'lines[].sku': SKU,
  'lines[].name': PRODUCT_NAME,
  'lines[].category': CATEGORY,
};

/**
 * Every free string field of the built-in catalog that is kept in clear, with the one-line reason it is not personal,
 * by event type and field path (as `schemaFields` names it). Every other free string field is marked `personal()`:
 * a test fails while a string field is on neither side, so a new field ships only once someone has classified it.
 * Enums and literals need no entry: their values are the schema's own vocabulary.
 */
export const clearStringFields: {
  readonly [TType in TouchpointEventType]: Readonly<Record<string, string>>;
} = {
  CustomerRegistered: {
    ...contact(''),
    'acquisition.campaign': CAMPAIGN,
    'acquisition.medium': CAMPAIGN,
  },
  ContactDetailsChanged: contact('changes.'),
  PersonalDetailsRecorded: {
    'memberships[].since': `${DATE}; the group itself is erased`,
  },
  CustomAttributeSet: {
    key: "the attribute's name, defined by the business like a column name (letters, digits, _ . -); the value is personal",
  },
  TagAdded: {},
  TagRemoved: {},
  ProspectConverted: { orderId: ID },
  CustomersMerged: { absorbedId: CUSTOMER_ID, ...transferred('transferred') },
  CustomerMergedInto: { survivorId: CUSTOMER_ID },
  CustomersUnmerged: { absorbedId: CUSTOMER_ID, ...transferred('returned') },
  CustomerRestored: { survivorId: CUSTOMER_ID, ...transferred('returned') },
  CustomerForgotten: {
    requestedBy:
      'who asked for the erasure (a role or a staff id), the proof the request was honoured; never the customer',
  },
  ConsentGranted: { expiresAt: DATE },
  ConsentWithdrawn: {},
  ContactPreferencesSet: {
    'quietHours.start': 'a time of day HH:MM',
    'quietHours.end': 'a time of day HH:MM',
    timeZone: TIME_ZONE,
    'topics[]': "a topic from the business's own list of subjects to write about",
  },
  PurchaseCompleted: {
    orderId: ID,
    ...orderLines,
    currency: CURRENCY,
    storeId: ID,
    'promotionCodes[]': "a code of one of the business's promotions",
  },
  OrderRefunded: { orderId: ID, refundId: ID, currency: CURRENCY, 'lines[].sku': SKU },
  CreditTermsAgreed: { currency: CURRENCY },
  InvoiceIssued: { invoiceId: ID, orderId: ID, currency: CURRENCY, dueDate: DATE },
  PaymentReceived: { paymentId: ID, invoiceId: ID, currency: CURRENCY },
  MessageSent: { messageId: ID, templateId: ID, campaignId: CAMPAIGN, triggerId: ID, threadId: ID },
  MessageReceived: { messageId: ID, threadId: ID, inReplyTo: ID },
  MessageOpened: { messageId: ID },
  LinkClicked: { messageId: ID, campaignId: CAMPAIGN },
  CallLogged: { callId: ID, agent: STAFF },
  MeetingHeld: { meetingId: ID },
  NoteAdded: { noteId: ID, author: STAFF },
  CampaignResponded: { campaignId: CAMPAIGN, orderId: ID },
  PromotionRedeemed: {
    promotionCode: "a code of one of the business's promotions",
    orderId: ID,
    currency: CURRENCY,
  },
  GiftSent: { giftId: ID, currency: CURRENCY },
  TicketOpened: { ticketId: ID, category: CATEGORY, product: SKU },
  TicketResolved: {
    ticketId: ID,
    resolution: "a resolution code from the business's vocabulary; what was said goes in the personal `note`",
  },
  ComplaintFiled: { complaintId: ID, product: SKU },
  ComplaintResolved: { complaintId: ID },
  ReviewPosted: { reviewId: ID, site: 'the rating site the review was posted on', product: SKU },
  SurveyAnswered: {
    surveyId: ID,
    'dimensions[].name': "a dimension of the business's own survey",
    scale: "the name of the business's own survey scale",
  },
  SocialMentioned: { platform: NETWORK },
  DefectedToCompetitor: { competitor: 'the business the customer left for, a company and not a person' },
  SiteVisited: {
    page: "a page of the business's own site or app (record paths, not query strings that carry personal data)",
    sessionId: ID,
    ...campaignTags,
  },
  SignedUp: { form: "a form of the business's own site or app", ...campaignTags },
  CartAbandoned: { cartId: ID, ...orderLines, currency: CURRENCY },
  LoyaltyEnrolled: { programId: PROGRAM, tier: PROGRAM },
  PointsEarned: {
    programId: PROGRAM,
    earningId: ID,
    rule: PROGRAM,
    'breakdown[].rule': PROGRAM,
    availableAt: DATE,
    expiresAt: DATE,
    ...pointsCause,
  },
  PointsRedeemed: {
    programId: PROGRAM,
    redemptionId: ID,
    reward: PROGRAM,
    orderId: ID,
    ...lotShares,
    ...pointsCause,
  },
  PointsExpired: { programId: PROGRAM, ...lotShares, ...pointsCause },
  PointsReversed: { programId: PROGRAM, earningId: ID, orderId: ID, refundId: ID, ...pointsCause },
  PointsAdjusted: {
    programId: PROGRAM,
    adjustmentId: ID,
    adjustedBy: STAFF,
    expiresAt: DATE,
    ...lotShares,
    ...pointsCause,
  },
  TierChanged: {
    programId: PROGRAM,
    from: PROGRAM,
    to: PROGRAM,
    'basis[].kind':
      "what a loyalty program counts for a tier (points, spend, visits), the business's own vocabulary",
    'basis[].window.start': DATE,
    'basis[].window.end': DATE,
    ...pointsCause,
  },
};
