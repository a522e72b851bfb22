import type { RecordedEvent } from '@rapport/core';
import {
  defineProjection,
  type ProjectionContext,
  type ProjectionDefinition,
  type Timer,
} from '@rapport/projections';
import { draftOf } from '../internal/mutable';
import { balanceCredit } from './credit';
import type { CustomerProfile } from './customerProfile';
import { emptyProfile, evolveIdentified } from './identity';
import { lifecycleStage } from './lifecycle';
import { type ProfileOptions, type ResolvedProfileOptions, resolveProfileOptions } from './options';
import { profileKeyOf as keyOfEvent } from './profileKey';
import { creditTimer, lifecycleTimer, scheduleCredit, scheduleLifecycle } from './timers';

/** Every event type the profile folds. */
export const profileEventTypes = [
  'CustomerRegistered',
  'ContactDetailsChanged',
  'PersonalDetailsRecorded',
  'CustomAttributeSet',
  'TagAdded',
  'TagRemoved',
  'ProspectConverted',
  'CustomersMerged',
  'CustomerMergedInto',
  'CustomersUnmerged',
  'CustomerRestored',
  'CustomerForgotten',
  'ConsentGranted',
  'ConsentWithdrawn',
  'ContactPreferencesSet',
  'PurchaseCompleted',
  'OrderRefunded',
  'CreditTermsAgreed',
  'InvoiceIssued',
  'PaymentReceived',
  'MessageSent',
  'MessageReceived',
  'MessageOpened',
  'LinkClicked',
  'CallLogged',
  'MeetingHeld',
  'NoteAdded',
  'CampaignResponded',
  'PromotionRedeemed',
  'GiftSent',
  'TicketOpened',
  'TicketResolved',
  'ComplaintFiled',
  'ComplaintResolved',
  'ReviewPosted',
  'SurveyAnswered',
  'SocialMentioned',
  'DefectedToCompetitor',
  'SiteVisited',
  'SignedUp',
  'CartAbandoned',
] as const;

/** The customer an event belongs to: its `customerId` metadata, else the id in its `customer-<id>` stream name. */
export const profileKeyOf: (event: RecordedEvent) => string | undefined = keyOfEvent;

const relatedOf = (event: RecordedEvent): readonly string[] =>
  event.type === 'CustomersMerged' ? [(event.data as { absorbedId: string }).absorbedId] : [];

/** Wakes a profile when time alone changes it: recomputes the stage and credit as of the timer, and re-arms that timer. */
const onProfileTimer = (
  state: CustomerProfile,
  timer: Timer,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const at = ctx.now.getTime();
  const next = draftOf(state);
  if (at > next.asOf) next.asOf = at;
  if (next.credit !== undefined) next.credit = balanceCredit(next.credit, next.asOf);
  next.stage = lifecycleStage(next, options.lifecycle);
  if (timer.name === lifecycleTimer) scheduleLifecycle(next, ctx, options.lifecycle);
  if (timer.name === creditTimer) scheduleCredit(next, ctx);
  return next;
};

/**
 * Creates the customer 360° profile projection: one document per customer, keyed by customer id.
 *
 * @example
 * ```ts
 * const profiles = createProfileProjection({ lifecycle: { atRiskAfterDays: 60 } });
 * ```
 */
export const createProfileProjection = (
  options: ProfileOptions = {},
): ProjectionDefinition<CustomerProfile> => {
  const resolved = resolveProfileOptions(options);
  return defineProjection<CustomerProfile>({
    name: resolved.name,
    version: resolved.version,
    handles: profileEventTypes,
    keyOf: profileKeyOf,
    related: relatedOf,
    init: emptyProfile,
    evolve: (state, event, ctx) => evolveIdentified(state, event, ctx, resolved),
    onTimer: (state, timer, ctx) => onProfileTimer(state, timer, ctx, resolved),
  });
};

/** The customer profile projection with the default options. */
export const profileProjection: ProjectionDefinition<CustomerProfile> = createProfileProjection();
