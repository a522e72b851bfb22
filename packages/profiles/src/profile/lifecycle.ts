import { dayMs } from '../internal/time';
import type { CustomerProfile, LifecycleStage } from './customerProfile';
import type { LifecycleRules } from './options';

/** The inputs of the lifecycle rules, read from a profile. */
type Inputs = Pick<CustomerProfile, 'asOf' | 'customerSince' | 'commerce' | 'feedback'>;

/**
 * The lifecycle stage of a profile at its `asOf`, by the first rule that matches:
 * 1. `defected`: the latest defection to a competitor is after the last purchase (or there is no purchase);
 * 2. `prospect`: never a customer (not registered as one, not converted, no purchase);
 * 3. `lapsed`: `lapsedAfterDays` or more since the last purchase;
 * 4. `atRisk`: `atRiskAfterDays` or more since the last purchase;
 * 5. `wonBack`: the last purchase came `wonBackAfterDays` or more after the one before it, or after a defection;
 * 6. `loyal`: at least `loyalPurchases` purchases in the last `loyalWindowDays`;
 * 7. `repeat`: two purchases or more;
 * 8. `new`: a customer with at most one purchase.
 */
// #region rules
export const lifecycleStage = (profile: Inputs, rules: LifecycleRules): LifecycleStage => {
  const { asOf } = profile;
  const recent = profile.commerce?.recentPurchases;
  const last = recent?.[0];
  const defectedAt = profile.feedback?.defection?.at;
  if (defectedAt !== undefined && (last === undefined || defectedAt >= last)) return 'defected';
  if (last === undefined) return profile.customerSince === undefined ? 'prospect' : 'new';
  const idle = asOf - last;
  if (idle >= rules.lapsedAfterDays * dayMs) return 'lapsed';
  if (idle >= rules.atRiskAfterDays * dayMs) return 'atRisk';
  const previous = recent![1];
  if (
    (previous !== undefined && last - previous >= rules.wonBackAfterDays * dayMs) ||
    (defectedAt !== undefined && defectedAt < last && (previous === undefined || defectedAt > previous))
  ) {
    return 'wonBack';
  }
  const kth = recent![rules.loyalPurchases - 1];
  if (kth !== undefined && asOf - kth < rules.loyalWindowDays * dayMs) return 'loyal';
  return (profile.commerce?.orders ?? 0) >= 2 ? 'repeat' : 'new';
};
// #endregion rules

/**
 * The next instant after `asOf` at which the stage changes with time alone (no new event); undefined if none.
 * Only changes that can happen from the current `stage` count: a defected customer stays defected until they
 * buy, and only a loyal customer can stop being loyal as the window slides.
 */
export const nextStageChange = (
  profile: Inputs & Pick<CustomerProfile, 'stage'>,
  rules: LifecycleRules,
): number | undefined => {
  const recent = profile.commerce?.recentPurchases;
  const last = recent?.[0];
  if (last === undefined || profile.stage === 'defected') return undefined;
  const { asOf } = profile;
  let next: number | undefined;
  const consider = (at: number) => {
    if (at > asOf && (next === undefined || at < next)) next = at;
  };
  consider(last + rules.atRiskAfterDays * dayMs);
  consider(last + rules.lapsedAfterDays * dayMs);
  const kth = recent![rules.loyalPurchases - 1];
  if (kth !== undefined && profile.stage === 'loyal') consider(kth + rules.loyalWindowDays * dayMs);
  return next;
};
