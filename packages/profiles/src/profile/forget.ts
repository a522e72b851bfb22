import type { CustomerProfile, ForgetReason } from './customerProfile';

/**
 * The profile with its personal data erased: contact details, personal details and custom attributes are dropped;
 * aggregates, preferences, consent, tags and the change history (field names, actors) stay.
 */
export const erasePersonalData = (profile: CustomerProfile): CustomerProfile => {
  const { contact: _c, personal: _p, attributes: _a, ...rest } = profile;
  return rest;
};

/** Marks a profile forgotten at `at` (the earliest request counts) and erases its personal data. */
export const forget = (profile: CustomerProfile, reason: ForgetReason, at: number): CustomerProfile => {
  const prior = profile.forgotten;
  const forgotten =
    prior !== undefined && (prior.at < at || (prior.at === at && prior.reason >= reason))
      ? prior
      : { at, reason };
  return { ...erasePersonalData(profile), forgotten };
};
