import type { Recorded, RecordedEvent, TouchpointEvent } from '@rapport/core';
import type { ProjectionContext } from '@rapport/projections';
import { addPurchase, addRefund } from './commerce';
import { addReply, addSent, count, engage, touch } from './communication';
import { writeConsent } from './consent';
import { recordChange, writeContact, writePersonal, writePreferences } from './contact';
import { agreeTerms, balanceCredit, issueInvoice, receivePayment } from './credit';
import type { CustomerProfile, DraftProfile } from './customerProfile';
import { countEngagement, countResponse } from './engagement';
import { addDefection, addMention, addReview, addSurvey } from './feedback';
import { forget } from './forget';
import { lifecycleStage } from './lifecycle';
import { mergeProfiles, register } from './merge';
import type { ResolvedProfileOptions } from './options';
import { fileComplaint, openTicket, resolveComplaint, resolveTicket } from './service';
import { writeAttribute, writeTag } from './tags';
import { scheduleCredit, scheduleLifecycle } from './timers';

const set = <TKey extends keyof DraftProfile>(
  draft: DraftProfile,
  key: TKey,
  value: DraftProfile[TKey] | undefined,
) => {
  if (value !== undefined) draft[key] = value;
};

const becameCustomer = (draft: DraftProfile, at: number) => {
  if (draft.customerSince === undefined || at < draft.customerSince) draft.customerSince = at;
};

/** Folds one touchpoint into a profile. Pure: time is `ctx.now` (event time); timers are requested through `ctx`. */
export const evolveProfile = (
  state: CustomerProfile,
  event: RecordedEvent,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const at = ctx.now.getTime();
  let draft: DraftProfile = { ...state };
  if (at > state.asOf) draft.asOf = at;
  const e = event as Recorded<TouchpointEvent>;
  const personalAllowed = draft.forgotten === undefined;
  let purchased = false;
  let rescheduled = false;
  switch (e.type) {
    case 'CustomerRegistered':
      draft = register(draft, at, e.data.acquisition);
      if (e.data.kind === 'customer') becameCustomer(draft, at);
      if (personalAllowed) set(draft, 'contact', writeContact(draft.contact, e.data, at));
      set(draft, 'preferences', writePreferences(draft.preferences, e.data, at));
      break;
    case 'ContactDetailsChanged':
      if (personalAllowed) set(draft, 'contact', writeContact(draft.contact, e.data.changes, at));
      set(draft, 'preferences', writePreferences(draft.preferences, e.data.changes, at));
      draft.history = recordChange(draft.history, Object.keys(e.data.changes), e, at, options.historyLimit);
      break;
    case 'PersonalDetailsRecorded':
      if (personalAllowed) set(draft, 'personal', writePersonal(draft.personal, e.data, at));
      draft.history = recordChange(draft.history, Object.keys(e.data), e, at, options.historyLimit);
      break;
    case 'CustomAttributeSet':
      if (personalAllowed) set(draft, 'attributes', writeAttribute(draft.attributes, e.data, at));
      draft.history = recordChange(draft.history, [`attributes.${e.data.key}`], e, at, options.historyLimit);
      break;
    case 'ContactPreferencesSet':
      set(draft, 'preferences', writePreferences(draft.preferences, e.data, at));
      draft.history = recordChange(draft.history, Object.keys(e.data), e, at, options.historyLimit);
      break;
    case 'TagAdded':
    case 'TagRemoved':
      if (personalAllowed) set(draft, 'tags', writeTag(draft.tags, e.data.tag, e.type === 'TagAdded', at));
      break;
    case 'ConsentGranted': {
      const { channel, purpose, expiresAt } = e.data;
      set(
        draft,
        'consent',
        writeConsent(draft.consent, channel, purpose, {
          granted: true,
          at,
          ...(expiresAt !== undefined && { expiresAt }),
        }),
      );
      break;
    }
    case 'ConsentWithdrawn':
      set(
        draft,
        'consent',
        writeConsent(draft.consent, e.data.channel, e.data.purpose, { granted: false, at }),
      );
      break;
    case 'ProspectConverted':
      becameCustomer(draft, at);
      break;
    case 'PurchaseCompleted':
      becameCustomer(draft, at);
      draft.commerce = addPurchase(draft.commerce, e.data, at, options);
      purchased = true;
      break;
    case 'OrderRefunded':
      draft.commerce = addRefund(draft.commerce, e.data);
      break;
    case 'CreditTermsAgreed':
      draft.credit = agreeTerms(draft.credit, e.data, at);
      break;
    case 'InvoiceIssued':
      draft.credit = balanceCredit(issueInvoice(draft.credit, e.data), draft.asOf);
      scheduleCredit(draft, ctx);
      break;
    case 'PaymentReceived':
      draft.credit = balanceCredit(receivePayment(draft.credit, e.data), draft.asOf);
      scheduleCredit(draft, ctx);
      break;
    case 'MessageSent':
      draft.communication = addSent(
        touch(draft.communication, e.data.channel, 'outbound', at),
        e.data.messageId,
        at,
        options.responseWindow,
      );
      break;
    case 'MessageReceived': {
      const touched = touch(draft.communication, e.data.channel, 'inbound', at);
      const { inReplyTo } = e.data;
      draft.communication =
        inReplyTo === undefined ? touched : addReply(touched, inReplyTo, at, options.responseWindow);
      break;
    }
    case 'MessageOpened':
      draft.communication = engage(draft.communication, 'opens', at);
      break;
    case 'LinkClicked':
      draft.communication = engage(draft.communication, 'clicks', at);
      break;
    case 'CallLogged':
      draft.communication = count(touch(draft.communication, 'phone', e.data.direction, at), 'calls');
      break;
    case 'MeetingHeld':
      draft.communication = count(touch(draft.communication, 'in_person', undefined, at), 'meetings');
      break;
    case 'NoteAdded':
      draft.communication = count(draft.communication, 'notes');
      break;
    case 'TicketOpened':
      draft.service = openTicket(draft.service, e.data, at);
      break;
    case 'TicketResolved':
      draft.service = resolveTicket(draft.service, e.data, at);
      break;
    case 'ComplaintFiled':
      draft.service = fileComplaint(draft.service, e.data, at);
      break;
    case 'ComplaintResolved':
      draft.service = resolveComplaint(draft.service, e.data, at);
      break;
    case 'ReviewPosted':
      draft.feedback = addReview(draft.feedback, e.data, at, options.recentReviews);
      break;
    case 'SurveyAnswered':
      set(draft, 'feedback', addSurvey(draft.feedback, e.data, at));
      break;
    case 'SocialMentioned':
      draft.feedback = addMention(draft.feedback, e.data.sentiment, at);
      break;
    case 'DefectedToCompetitor':
      draft.feedback = addDefection(draft.feedback, e.data, at);
      break;
    case 'SiteVisited':
      draft.engagement = countEngagement(draft.engagement, 'visits', at);
      break;
    case 'SignedUp':
      draft.engagement = countEngagement(draft.engagement, 'signups', at);
      break;
    case 'CartAbandoned':
      draft.engagement = countEngagement(draft.engagement, 'abandonedCarts', at);
      break;
    case 'CampaignResponded':
      draft.engagement = countResponse(draft.engagement, e.data.response);
      break;
    case 'PromotionRedeemed':
      draft.engagement = countEngagement(draft.engagement, 'promotionsRedeemed', at);
      break;
    case 'GiftSent':
      draft.engagement = countEngagement(draft.engagement, 'giftsReceived', at);
      break;
    case 'CustomerMergedInto':
      if (e.data.survivorId !== ctx.key) draft.mergedInto = e.data.survivorId;
      break;
    // #region merge
    case 'CustomersMerged': {
      const { absorbedId } = e.data;
      if (absorbedId === ctx.key) break;
      const absorbed = ctx.related<CustomerProfile>(absorbedId);
      ctx.absorb(absorbedId);
      const { mergedInto: _closed, ...rest } = absorbed ?? { asOf: draft.asOf, stage: draft.stage };
      const merged = mergeProfiles(
        draft,
        { ...rest, absorbed: [...(absorbed?.absorbed ?? []), absorbedId] },
        options,
      ) as DraftProfile;
      scheduleLifecycle(merged, ctx, options.lifecycle);
      scheduleCredit(merged, ctx);
      return merged;
    }
    // #endregion merge
    // #region unmerge
    case 'CustomersUnmerged': {
      const absorbed = draft.absorbed?.filter((id) => id !== e.data.absorbedId);
      if (absorbed !== undefined && absorbed.length > 0) draft.absorbed = absorbed;
      else delete draft.absorbed;
      rescheduled = true;
      break;
    }
    case 'CustomerRestored':
      if (draft.mergedInto === e.data.survivorId) delete draft.mergedInto;
      rescheduled = true;
      break;
    // #endregion unmerge
    case 'CustomerForgotten':
      // at its event time, like every fact: were it to leave the profile's time behind, a timer the erasure's time
      // fired would move it instead, and the profile would depend on the order events arrive in
      draft = forget(draft, e.data.reason, at) as DraftProfile;
      break;
    default:
      return state;
  }
  if (draft.credit?.invoices !== undefined && draft.asOf !== state.asOf) {
    draft.credit = balanceCredit(draft.credit, draft.asOf);
  }
  draft.stage = lifecycleStage(draft, options.lifecycle);
  // a new stage can change the next time-driven one (a defection ends them): the pending timer always matches the
  // document, so a released record's timers (`timersOf`) equal what its own stream would have left pending
  if (purchased || rescheduled || draft.stage !== state.stage)
    scheduleLifecycle(draft, ctx, options.lifecycle);
  if (rescheduled) scheduleCredit(draft, ctx);
  return draft;
};
