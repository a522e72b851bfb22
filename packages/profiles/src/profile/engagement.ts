import type { TouchpointData } from '@rapport/core';
import { addCounts, type Counts } from '../internal/counts';
import { maxTime } from '../internal/order';

type Response = TouchpointData<'CampaignResponded'>['response'];

/** Web and marketing engagement: visits, sign-ups, abandoned carts, campaign responses, promotions and gifts. */
export interface EngagementSection {
  readonly visits?: number;
  readonly lastVisitAt?: number;
  readonly signups?: number;
  readonly abandonedCarts?: number;
  readonly lastAbandonedCartAt?: number;
  readonly campaignResponses?: Counts<Response>;
  readonly promotionsRedeemed?: number;
  readonly giftsReceived?: number;
}

type Counter = 'visits' | 'signups' | 'abandonedCarts' | 'promotionsRedeemed' | 'giftsReceived';

/** Adds one to a counter, and moves its latest time when it has one. */
export const countEngagement = (
  section: EngagementSection | undefined,
  counter: Counter,
  at: number,
): EngagementSection => {
  const latest =
    counter === 'visits' ? 'lastVisitAt' : counter === 'abandonedCarts' ? 'lastAbandonedCartAt' : undefined;
  return {
    ...section,
    [counter]: (section?.[counter] ?? 0) + 1,
    ...(latest && { [latest]: maxTime(section?.[latest], at) }),
  };
};

/** Counts a campaign response. */
export const countResponse = (
  section: EngagementSection | undefined,
  response: Response,
): EngagementSection => ({
  ...section,
  campaignResponses: {
    ...section?.campaignResponses,
    [response]: (section?.campaignResponses?.[response] ?? 0) + 1,
  },
});

/** Adds two engagement sections. */
export const mergeEngagement = (
  a: EngagementSection | undefined,
  b: EngagementSection | undefined,
): EngagementSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: Record<string, unknown> = { ...a };
  for (const key of ['visits', 'signups', 'abandonedCarts', 'promotionsRedeemed', 'giftsReceived'] as const) {
    if (b[key] !== undefined) out[key] = (a[key] ?? 0) + b[key];
  }
  for (const key of ['lastVisitAt', 'lastAbandonedCartAt'] as const) {
    if (b[key] !== undefined) out[key] = maxTime(a[key], b[key]);
  }
  const responses = addCounts(a.campaignResponses, b.campaignResponses);
  if (responses) out.campaignResponses = responses;
  return out as EngagementSection;
};
