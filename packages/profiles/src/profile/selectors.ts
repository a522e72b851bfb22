import { consentKey, ownValue } from '@rapport/core';
import { roundedQuotient } from '../internal/counts';
import { dayMs } from '../internal/time';
import type { CustomerProfile } from './customerProfile';
import type { ScoreKind } from './feedback';

/** Net spend in one currency (gross minus refunds), minor units; 0 when nothing was bought in it. */
export const netSpent = (profile: CustomerProfile, currency: string): number => {
  const totals = ownValue(profile.commerce?.spent, currency);
  return totals === undefined ? 0 : totals.gross - (totals.refunded ?? 0);
};

/** Average order value in one currency, gross, rounded half up to whole minor units; undefined without orders. */
export const averageOrderValue = (profile: CustomerProfile, currency: string): number | undefined => {
  const totals = ownValue(profile.commerce?.spent, currency);
  return totals === undefined ? undefined : roundedQuotient(totals.gross, totals.orders);
};

/** Share of gross spend refunded in one currency, 0..1; undefined without spend. */
export const refundShare = (profile: CustomerProfile, currency: string): number | undefined => {
  const totals = ownValue(profile.commerce?.spent, currency);
  return totals === undefined || totals.gross === 0 ? undefined : (totals.refunded ?? 0) / totals.gross;
};

/** Mean days between purchases, `(last − first) / (orders − 1)`; undefined with fewer than two purchases. */
export const purchaseFrequencyDays = (profile: CustomerProfile): number | undefined => {
  const commerce = profile.commerce;
  if (commerce === undefined || commerce.orders < 2) return undefined;
  return (commerce.lastPurchaseAt! - commerce.firstPurchaseAt!) / dayMs / (commerce.orders - 1);
};

/** Product categories by units bought, most first (ties by name). */
export const favouriteCategories = (profile: CustomerProfile, limit = 3): readonly string[] =>
  Object.entries(profile.commerce?.categories ?? {})
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([name]) => name);

/** Mean time to resolve tickets or complaints, ms; undefined when none was timed. */
export const meanResolutionMs = (
  profile: CustomerProfile,
  kind: 'tickets' | 'complaints',
): number | undefined => {
  const stats = profile.service?.[kind];
  return stats === undefined || stats.timed === 0 ? undefined : Math.round(stats.resolutionMs / stats.timed);
};

/** The mean survey score of one kind (NPS 0-10, CSAT 1-5, CES 1-7); undefined without answers. */
export const averageScore = (profile: CustomerProfile, kind: ScoreKind): number | undefined => {
  const stats = profile.feedback?.[kind];
  return stats === undefined ? undefined : stats.total / stats.count;
};

/** The mean review rating (1-5); undefined without reviews. */
export const averageRating = (profile: CustomerProfile): number | undefined => {
  const reviews = profile.feedback?.reviews;
  return reviews === undefined ? undefined : reviews.ratingTotal / reviews.count;
};

/** The tags currently on the customer, sorted. */
export const currentTags = (profile: CustomerProfile): readonly string[] =>
  Object.keys(profile.tags?.current ?? {}).sort();

/** True when the customer has granted (and not withdrawn) consent for the channel and purpose, and it has not lapsed at `at`. */
export const hasConsent = (
  profile: CustomerProfile,
  channel: string,
  purpose: string,
  at: Date | number = profile.asOf,
): boolean => {
  const consent = ownValue(profile.consent, consentKey(channel, purpose));
  if (consent === undefined || !consent.granted) return false;
  return consent.expiresAt === undefined || Date.parse(consent.expiresAt) > +at;
};
