import type { ProjectionContext, TimerRequest } from '@rapport/projections';
import { nextCreditChange } from './credit';
import type { CustomerProfile } from './customerProfile';
import { nextStageChange } from './lifecycle';
import type { LifecycleRules } from './options';

/** The timer that moves the lifecycle stage with time (at risk, lapsed, no longer loyal). */
export const lifecycleTimer = 'lifecycle';

/** The timer that makes invoices overdue and counts days overdue. */
export const creditTimer = 'credit';

// #region schedule
/** Asks to be woken at the next time-driven stage change, or cancels the wake-up when there is none. */
export const scheduleLifecycle = (
  profile: CustomerProfile,
  ctx: ProjectionContext,
  rules: LifecycleRules,
): void => {
  const next = nextStageChange(profile, rules);
  if (next === undefined) ctx.cancel(lifecycleTimer);
  else ctx.schedule(new Date(next), lifecycleTimer);
};

/** Asks to be woken at the next time-driven credit change (a due date passing, or the next midnight while overdue). */
export const scheduleCredit = (profile: CustomerProfile, ctx: ProjectionContext): void => {
  const next = nextCreditChange(profile.credit, profile.asOf);
  if (next === undefined) ctx.cancel(creditTimer);
  else ctx.schedule(new Date(next), creditTimer);
};
// #endregion schedule

/** The timers a profile needs when it gets a document of its own again (after an unmerge): as `schedule*` would ask. */
export const timersOf = (profile: CustomerProfile, rules: LifecycleRules): TimerRequest[] => {
  const requests: TimerRequest[] = [];
  const stage = nextStageChange(profile, rules);
  if (stage !== undefined) requests.push({ at: new Date(stage), name: lifecycleTimer });
  const credit = nextCreditChange(profile.credit, profile.asOf);
  if (credit !== undefined) requests.push({ at: new Date(credit), name: creditTimer });
  return requests;
};
