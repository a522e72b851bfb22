import { contentKey, minTime } from '../internal/order';
import { mergeFields } from '../internal/stamped';
import { mergeCommerce } from './commerce';
import { mergeCommunication } from './communication';
import { mergeConsent } from './consent';
import { mergeHistory } from './contact';
import { balanceCredit, mergeCredit } from './credit';
import type { AcquisitionSource, CustomerProfile, DraftProfile } from './customerProfile';
import { mergeEngagement } from './engagement';
import { mergeFeedback } from './feedback';
import { forget } from './forget';
import { lifecycleStage } from './lifecycle';
import type { ResolvedProfileOptions } from './options';
import { mergeService } from './service';
import { mergeAttributes, mergeTags } from './tags';

/** Applies a registration seen at `at`: the earliest registration sets `registeredAt` and the acquisition source. */
export const register = (
  draft: DraftProfile,
  at: number,
  acquisition: AcquisitionSource | undefined,
): DraftProfile => {
  const prior = draft.registeredAt;
  if (
    prior !== undefined &&
    (at > prior || (at === prior && contentKey(acquisition) <= contentKey(draft.acquisition)))
  ) {
    return draft;
  }
  draft.registeredAt = at;
  if (acquisition !== undefined) draft.acquisition = acquisition;
  else if (draft.acquisition !== undefined) {
    const { acquisition: _replaced, ...rest } = draft;
    return rest;
  }
  return draft;
};

const set = <TKey extends keyof DraftProfile>(
  draft: DraftProfile,
  key: TKey,
  value: DraftProfile[TKey] | undefined,
) => {
  if (value !== undefined) draft[key] = value;
};

/**
 * Folds the `absorbed` profile into the `survivor`: counts and money add up, the later write of every field wins,
 * bounded lists keep their newest entries. The result is what one record holding both histories would show.
 */
export const mergeProfiles = (
  survivor: CustomerProfile,
  absorbed: CustomerProfile,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const a = survivor;
  const b = absorbed;
  const asOf = Math.max(a.asOf, b.asOf);
  let draft: DraftProfile = { asOf, stage: a.stage };
  set(draft, 'registeredAt', a.registeredAt);
  set(draft, 'acquisition', a.acquisition);
  if (b.registeredAt !== undefined) draft = register(draft, b.registeredAt, b.acquisition);
  set(draft, 'customerSince', minTime(a.customerSince, b.customerSince));
  set(draft, 'contact', mergeFields(a.contact, b.contact));
  set(draft, 'preferences', mergeFields(a.preferences, b.preferences));
  set(draft, 'personal', mergeFields(a.personal, b.personal));
  set(draft, 'history', mergeHistory(a.history, b.history, options.historyLimit));
  set(draft, 'tags', mergeTags(a.tags, b.tags));
  set(draft, 'attributes', mergeAttributes(a.attributes, b.attributes));
  set(draft, 'consent', mergeConsent(a.consent, b.consent));
  set(draft, 'commerce', mergeCommerce(a.commerce, b.commerce, options));
  const credit = mergeCredit(a.credit, b.credit);
  set(draft, 'credit', credit && balanceCredit(credit, asOf));
  set(draft, 'communication', mergeCommunication(a.communication, b.communication, options.responseWindow));
  set(draft, 'service', mergeService(a.service, b.service));
  set(draft, 'feedback', mergeFeedback(a.feedback, b.feedback, options.recentReviews));
  set(draft, 'engagement', mergeEngagement(a.engagement, b.engagement));
  const ids = new Set([...(a.absorbed ?? []), ...(b.absorbed ?? [])]);
  if (ids.size > 0) draft.absorbed = [...ids].sort();
  set(draft, 'mergedInto', a.mergedInto);
  draft.stage = lifecycleStage(draft, options.lifecycle);
  const forgotten = a.forgotten ?? b.forgotten;
  if (forgotten === undefined) return draft;
  const other = a.forgotten && b.forgotten ? b.forgotten : undefined;
  const once = forget(draft, forgotten.reason, forgotten.at);
  return other ? forget(once, other.reason, other.at) : once;
};
