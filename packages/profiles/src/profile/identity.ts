import type { RecordedEvent } from '@rapport/core';
import type { ProjectionContext } from '@rapport/projections';
import type { CustomerProfile, IdentitySection } from './customerProfile';
import { evolveProfile } from './evolveProfile';
import { mergeProfiles } from './merge';
import type { ResolvedProfileOptions } from './options';
import { profileKeyOf } from './profileKey';
import { scheduleCredit, scheduleLifecycle } from './timers';

type Parts = Readonly<Record<string, CustomerProfile>>;

/** The profile of a record with no event yet (the projection's `init`). */
export const emptyProfile = (): CustomerProfile => ({ asOf: Number.MIN_SAFE_INTEGER, stage: 'prospect' });

/** A context for folding a sub-profile: same time and event, its own key, no timers, no absorbs. */
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
  release: () => undefined,
  resolve: (target) => ctx.resolve(target),
});

const without = (record: Parts | undefined, key: string): Parts | undefined => {
  if (record === undefined || !(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return Object.keys(rest).length > 0 ? rest : undefined;
};

/** True when `address` is this profile's record or one it holds, live or held, at any depth. */
const reaches = (profile: CustomerProfile, key: string, address: string): boolean =>
  key === address ||
  (profile.absorbed?.includes(address) ?? false) ||
  Object.entries({ ...profile.identity?.parts, ...profile.identity?.held }).some(([id, part]) =>
    reaches(part, id, address),
  );

/** Where an event addressed to `address` belongs inside a record's identity section, if anywhere. */
const ownerOf = (identity: IdentitySection, address: string) => {
  for (const [id, part] of Object.entries(identity.parts ?? {})) {
    if (id === address || part.absorbed?.includes(address)) return { id, part, live: true, held: false };
  }
  for (const [id, part] of Object.entries(identity.parts ?? {})) {
    if (reaches(part, id, address)) return { id, part, live: false, held: false };
  }
  for (const [id, part] of Object.entries(identity.held ?? {})) {
    if (reaches(part, id, address)) return { id, part, live: false, held: true };
  }
  return undefined;
};

const withIdentity = (view: CustomerProfile, identity: IdentitySection): CustomerProfile => {
  const { identity: _old, ...rest } = view;
  return identity.parts === undefined && identity.held === undefined ? rest : { ...rest, identity };
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
  const already = identity.parts?.[absorbedId];
  // a record unmerged from this one is still routed here, so it is held here rather than stored under its key
  const part =
    already ?? identity.held?.[absorbedId] ?? ctx.related<CustomerProfile>(absorbedId) ?? emptyProfile();
  // a repeated merge adds nothing: the part is in the profile already
  const view = evolveProfile(
    plain,
    event,
    quietly(ctx, already === undefined ? part : emptyProfile()),
    options,
  );
  const own = evolveProfile(identity.own ?? plain, event, quiet(ctx, ctx.key, null), options);
  const parts = { ...identity.parts, [absorbedId]: part };
  return withIdentity(view, { own, parts, ...maybe('held', without(identity.held, absorbedId)) });
};

/** The real context, except that `related` answers with the given part (a held record has no document). */
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

const maybe = <TKey extends string, TValue>(key: TKey, value: TValue | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<TKey, TValue>>;

// #region release
/**
 * An unmerge: the displayed profile becomes what `own` and the remaining parts make together, so it equals the
 * profile of this record's own history; the given-back record is held (see `IdentitySection.held`).
 */
const release = (
  state: CustomerProfile,
  event: RecordedEvent,
  ctx: ProjectionContext,
  options: ResolvedProfileOptions,
): CustomerProfile => {
  const { absorbedId } = event.data as { absorbedId: string };
  const { identity = {}, ...plain } = state;
  const part = identity.parts?.[absorbedId];
  const own = evolveProfile(identity.own ?? plain, event, quiet(ctx, ctx.key, null), options);
  if (part === undefined || identity.own === undefined) {
    const view = evolveProfile(plain, event, ctx, options);
    return withIdentity(view, { ...identity, ...maybe('own', identity.own && own) });
  }
  const parts = without(identity.parts, absorbedId);
  const view = combine(own, parts, options);
  scheduleLifecycle(view, ctx, options.lifecycle);
  scheduleCredit(view, ctx);
  const held = { ...identity.held, [absorbedId]: part };
  return withIdentity(view, parts === undefined ? { held } : { own, parts, held });
};
// #endregion release

/**
 * Folds one event into a profile document, keeping merges reversible: an event addressed to this record or to a
 * record it absorbed updates the displayed profile and the sub-profile it belongs to; an event of a record given
 * back by an unmerge (still routed here by the runtime) updates only that record's held profile.
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
    if (identity?.own === undefined || view === state) return view;
    const own = evolveProfile(identity.own, event, quiet(ctx, ctx.key), options);
    return withIdentity(view, { ...identity, own });
  }
  const owner = identity && ownerOf(identity, address);
  // not ours: no record here answers to that id any more
  if (identity === undefined || owner === undefined) return state;
  const part = evolveIdentified(owner.part, event, quiet(ctx, owner.id), options);
  const group = owner.held ? 'held' : 'parts';
  const next = { ...identity, [group]: { ...identity[group], [owner.id]: part } };
  return withIdentity(owner.live ? evolveProfile(state, event, ctx, options) : state, next);
};
