import type { CustomerProfile, ForgetReason, IdentitySection } from './customerProfile';

const eachPart = (
  identity: IdentitySection,
  f: (profile: CustomerProfile) => CustomerProfile,
): IdentitySection => ({
  ...(identity.own && { own: f(identity.own) }),
  ...(identity.parts && {
    parts: Object.fromEntries(Object.entries(identity.parts).map(([id, part]) => [id, f(part)])),
  }),
});

/**
 * The profile with its personal data erased, in the sub-profiles of the records it absorbed too: contact details,
 * personal details, custom attributes and tags (free text a person typed) are dropped; aggregates, preferences,
 * consent and the change history (field and attribute names, actors) stay.
 */
export const erasePersonalData = (profile: CustomerProfile): CustomerProfile => {
  const { contact: _c, personal: _p, attributes: _a, tags: _t, identity, ...rest } = profile;
  return identity === undefined ? rest : { ...rest, identity: eachPart(identity, erasePersonalData) };
};

/**
 * Marks a profile forgotten at `at` (the earliest request counts) and erases its personal data; every fact stays.
 * The profile folds it at its event time like any other event, so `asOf` and the stage move to that time.
 */
export const forget = (profile: CustomerProfile, reason: ForgetReason, at: number): CustomerProfile => {
  const prior = profile.forgotten;
  const forgotten =
    prior !== undefined && (prior.at < at || (prior.at === at && prior.reason >= reason))
      ? prior
      : { at, reason };
  const { identity, ...erased } = erasePersonalData(profile);
  return {
    ...erased,
    forgotten,
    ...(identity && { identity: eachPart(identity, (part) => forget(part, reason, at)) }),
  };
};
