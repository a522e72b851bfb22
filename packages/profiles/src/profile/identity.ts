import type { RecordedEvent } from '@rapport/core';
import { ownValue } from '@rapport/core';
import type { ProjectionContext } from '@rapport/projections';
import type { CustomerProfile, IdentitySection } from './customerProfile';
import { evolveProfile } from './evolveProfile';
import { mergeProfiles } from './merge';
import type { ResolvedProfileOptions } from './options';
import { profileKeyOf } from './profileKey';
import { scheduleCredit, scheduleLifecycle, timersOf } from './timers';

type Parts = Readonly<Record<string, CustomerProfile>>;

/** The profile of a record with no event yet (the projection's `init`). */
export const emptyProfile = (): CustomerProfile => ({ asOf: Number.MIN_SAFE_INTEGER, stage: 'prospect' });

/**
 * A context for folding a sub-profile: same time and event, its own key, no timers, no absorbs. A release goes through:
 * a record given back from inside an absorbed one (an unmerge recorded on a closed record) reaches this document too.
 */
const quiet = (ctx: ProjectionContext, key: string, related?: CustomerProfile | null): ProjectionContext => ({
  get now() {
    return ctx.now;
  },
  key,
  event: ctx.event,
  schedule: () => undefined,
  cancel: () => undefined,
  // `null`: fold as if the related record were empty; `undefined`: read it as the real context would
  related: <TState>(relatedKey: string) =>
    (related === undefined ? ctx.related<TState>(relatedKey) : (related ?? undefined)) as TState | undefined,
  absorb: () => undefined,
  release: (target, document, timers) => ctx.release(target, document, timers),
  resolve: (target) => ctx.resolve(target),
});

const without = (record: Parts | undefined, key: string): Parts | undefined => {
  if (record === undefined || !Object.hasOwn(record, key)) return record;
  const { [key]: _removed, ...rest } = record;
  return Object.keys(rest).length > 0 ? rest : undefined;
};

/** The absorbed record an event addressed to `address` belongs to: that record, or the one that absorbed it. */
const ownerOf = (parts: Parts, address: string) => {
  for (const [id, part] of Object.entries(parts)) {
    if (id === address || part.absorbed?.includes(address)) return { id, part };
  }
  return undefined;
};

const withIdentity = (view: CustomerProfile, identity: IdentitySection): CustomerProfile => {
  const { identity: _old, ...rest } = view;
  return identity.parts === undefined ? rest : { ...rest, identity };
};

/** What `own` and the absorbed `parts` make together: the profile one record holding all their histories shows. */
const combine = (own: CustomerProfile, parts: Parts | undefined, options: ResolvedProfileOptions) => {
  let view = own;
  for (const [id, part] of Object.entries(parts ?? {})) {
    const { mergedInto: _closed, identity: _nested, ...rest } = part;
    view = mergeProfiles(view, { ...rest, absorbed: [...(part.absorbed ?? []), id] }, options);
  }
  return view;
};

/** A merge: the displayed profile folds the absorbed record in; `own` and the new part keep them apart. */
const absorb = (
  state: CustomerProfile,
  event: RecordedEvent,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const { absorbedId } = event.data as { absorbedId: string };
  if (absorbedId === ctx.key) return evolveProfile(state, event, ctx, options);
  const { identity = {}, ...plain } = state;
  const already = ownValue(identity.parts, absorbedId);
  const part = already ?? ctx.related<CustomerProfile>(absorbedId) ?? emptyProfile();
  // a repeated merge adds nothing: the part is in the profile already
  const view = evolveProfile(
    plain,
    event,
    quietly(ctx, already === undefined ? part : emptyProfile()),
    options,
  );
  const own = evolveProfile(identity.own ?? plain, event, quiet(ctx, ctx.key, null), options);
  const parts = { ...identity.parts, [absorbedId]: part };
  return withIdentity(view, { own, parts });
};

/** The real context, except that `related` answers with the given part (or an empty one, for a repeated merge). */
const quietly = (ctx: ProjectionContext, part: CustomerProfile): ProjectionContext => ({
  get now() {
    return ctx.now;
  },
  key: ctx.key,
  event: ctx.event,
  schedule: (at, name, payload) => ctx.schedule(at, name, payload),
  cancel: (name) => ctx.cancel(name),
  related: <TState>() => part as TState,
  absorb: (from) => ctx.absorb(from),
  release: (target, document, timers) => ctx.release(target, document, timers),
  resolve: (target) => ctx.resolve(target),
});

/** Shows what `own` and `parts` make together, with the timers that view needs. */
const recombine = (
  own: CustomerProfile,
  parts: Parts | undefined,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
) => {
  const view = combine(own, parts, options);
  scheduleLifecycle(view, ctx, options.lifecycle);
  scheduleCredit(view, ctx);
  return view;
};

const maybe = <TKey extends string, TValue>(key: TKey, value: TValue | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<TKey, TValue>>;

// #region release
/**
 * An unmerge: the given-back record gets its own document again (`ctx.release`), as it would stand alone, with its
 * timers; this profile becomes what `own` and the remaining parts make together, the profile of its own history.
 */
const release = (
  state: CustomerProfile,
  event: RecordedEvent,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const { absorbedId } = event.data as { absorbedId: string };
  const { identity = {}, ...plain } = state;
  const part = ownValue(identity.parts, absorbedId);
  const own = evolveProfile(identity.own ?? plain, event, quiet(ctx, ctx.key, null), options);
  if (part === undefined || identity.own === undefined) {
    const view = evolveProfile(plain, event, ctx, options);
    return withIdentity(view, { ...identity, ...maybe('own', identity.own && own) });
  }
  // its events reach this document unless a later merge (refused by the service) routed them elsewhere
  if (ctx.resolve(absorbedId) === ctx.resolve(ctx.key)) {
    ctx.release(absorbedId, part, timersOf(part, options.lifecycle));
  }
  const parts = without(identity.parts, absorbedId);
  return withIdentity(recombine(own, parts, ctx, options), parts === undefined ? {} : { own, parts });
};
// #endregion release

/**
 * Folds one event into a profile document, keeping merges reversible: an event addressed to this record or to a
 * record it absorbed updates the displayed profile and the sub-profile it belongs to.
 */
export const evolveIdentified = (
  state: CustomerProfile,
  event: RecordedEvent,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const address = profileKeyOf(event) ?? ctx.key;
  const { identity } = state;
  if (address === ctx.key) {
    if (event.type === 'CustomersMerged') return absorb(state, event, ctx, options);
    if (event.type === 'CustomersUnmerged') return release(state, event, ctx, options);
    const view = evolveProfile(state, event, ctx, options);
    // an erasure of this record covers the records it absorbed: `forget` erased every part already
    if (identity?.own === undefined || view === state || event.type === 'CustomerForgotten') return view;
    const own = evolveProfile(identity.own, event, quiet(ctx, ctx.key), options);
    return withIdentity(view, { ...identity, own });
  }
  const owner = identity?.parts && ownerOf(identity.parts, address);
  // not ours: no record here answers to that id any more
  if (identity?.own === undefined || owner === undefined) return state;
  const part = evolveIdentified(owner.part, event, quiet(ctx, owner.id), options);
  const next = { ...identity, parts: { ...identity.parts, [owner.id]: part } };
  // an unmerge inside an absorbed record (refused by the service, possible in an imported log): what is left
  if (event.type === 'CustomersUnmerged')
    return withIdentity(recombine(identity.own, next.parts, ctx, options), next);
  return withIdentity(evolveProfile(state, event, ctx, options), next);
};
