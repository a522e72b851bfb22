/**
 * The floor of a profile rebuild: a hand-written, mutable fold of the facts the profile shows for the generated
 * touchpoints (registration, purchases, visits, messages, opens and clicks, tags, consent, carts, a stage), keyed
 * by customer in a Map. No copies, no timers, no checkpoints: what a rebuild cannot do with less.
 */
export interface HandProfile {
  asOf: number;
  registeredAt?: number;
  customerSince?: number;
  stage: string;
  // sections are created when first needed, as the profile does
  commerce?: {
    orders: number;
    spent: Record<string, { orders: number; gross: number }>;
    firstPurchaseAt: number;
    lastPurchaseAt: number;
    recentPurchases: number[];
    categories: Record<string, number>;
    paymentMethods: Record<string, number>;
  };
  engagement?: { visits: number; lastVisitAt?: number; abandonedCarts: number };
  communication?: { outbound: number; lastContact: Record<string, number>; opens: number; clicks: number };
  tags?: Record<string, number>;
  consent?: Record<string, { granted: boolean; at: number }>;
}

interface JsonEvent {
  readonly type: string;
  readonly data: unknown;
  readonly streamId: string;
  readonly metadata: { readonly customerId?: string; readonly occurredAt: string };
}

const DAY = 86_400_000;

const fresh = (): HandProfile => ({ asOf: Number.MIN_SAFE_INTEGER, stage: 'prospect' });
const engagementOf = (profile: HandProfile) => {
  profile.engagement ??= { visits: 0, abandonedCarts: 0 };
  return profile.engagement;
};
const communicationOf = (profile: HandProfile) => {
  profile.communication ??= { outbound: 0, lastContact: {}, opens: 0, clicks: 0 };
  return profile.communication;
};

const purchase = (profile: HandProfile, data: Record<string, unknown>, at: number) => {
  const { currency, total, paymentMethod, lines } = data as {
    currency: string;
    total: number;
    paymentMethod: string;
    lines: { category?: string; quantity: number }[];
  };
  profile.commerce ??= {
    orders: 0,
    spent: {},
    firstPurchaseAt: at,
    lastPurchaseAt: at,
    recentPurchases: [],
    categories: {},
    paymentMethods: {},
  };
  const { commerce } = profile;
  commerce.orders += 1;
  commerce.spent[currency] ??= { orders: 0, gross: 0 };
  const totals = commerce.spent[currency];
  totals.orders += 1;
  totals.gross += total;
  profile.customerSince ??= at;
  if (at < commerce.firstPurchaseAt) commerce.firstPurchaseAt = at;
  if (at > commerce.lastPurchaseAt) commerce.lastPurchaseAt = at;
  commerce.recentPurchases.unshift(at);
  if (commerce.recentPurchases.length > 4) commerce.recentPurchases.pop();
  for (const line of lines) {
    if (line.category !== undefined)
      commerce.categories[line.category] = (commerce.categories[line.category] ?? 0) + line.quantity;
  }
  commerce.paymentMethods[paymentMethod] = (commerce.paymentMethods[paymentMethod] ?? 0) + 1;
};

const stageOf = (profile: HandProfile): string => {
  const { commerce } = profile;
  if (commerce === undefined) return profile.customerSince === undefined ? 'prospect' : 'new';
  const idle = profile.asOf - commerce.lastPurchaseAt;
  if (idle >= 180 * DAY) return 'lapsed';
  if (idle >= 90 * DAY) return 'atRisk';
  const fourth = commerce.recentPurchases[3];
  if (fourth !== undefined && profile.asOf - fourth < 365 * DAY) return 'loyal';
  return commerce.orders >= 2 ? 'repeat' : 'new';
};

/** Folds one event into its customer's hand-written profile. */
export const foldHand = (profiles: Map<string, HandProfile>, event: JsonEvent): void => {
  const key = event.metadata.customerId ?? event.streamId.slice('customer-'.length);
  let profile = profiles.get(key);
  if (profile === undefined) {
    profile = fresh();
    profiles.set(key, profile);
  }
  const at = Date.parse(event.metadata.occurredAt);
  if (at > profile.asOf) profile.asOf = at;
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'CustomerRegistered':
      profile.registeredAt ??= at;
      if (data.kind === 'customer') profile.customerSince ??= at;
      break;
    case 'PurchaseCompleted':
      purchase(profile, data, at);
      break;
    case 'SiteVisited': {
      const engagement = engagementOf(profile);
      engagement.visits += 1;
      engagement.lastVisitAt = Math.max(engagement.lastVisitAt ?? at, at);
      break;
    }
    case 'CartAbandoned':
      engagementOf(profile).abandonedCarts += 1;
      break;
    case 'MessageSent': {
      const communication = communicationOf(profile);
      communication.outbound += 1;
      communication.lastContact[data.channel as string] = at;
      break;
    }
    case 'MessageOpened':
      communicationOf(profile).opens += 1;
      break;
    case 'LinkClicked':
      communicationOf(profile).clicks += 1;
      break;
    case 'TagAdded':
      profile.tags ??= {};
      profile.tags[data.tag as string] = at;
      break;
    case 'ConsentGranted':
      profile.consent ??= {};
      profile.consent[`${data.channel}/${data.purpose}`] = { granted: true, at };
      break;
    default:
      return;
  }
  profile.stage = stageOf(profile);
};

/** The floor: parse each stored event's JSON and fold it by hand. Returns how many profiles it built. */
export const rebuildByHand = (events: readonly string[]): number => {
  const profiles = new Map<string, HandProfile>();
  for (let index = 0; index < events.length; index++)
    foldHand(profiles, JSON.parse(events[index]!) as JsonEvent);
  return profiles.size;
};
