import type { RecordedEvent, TouchpointEvent } from '@rapport/core';
import { defineReactor, type ReactorContext, type ReactorDefinition, type Timer } from '@rapport/projections';
import type { Program } from '../program/programSchema';
import { dayMs } from '../program/time';
import { nextBirthday } from './earningHelpers';
import { birthdayTimer, earningSteps, expiryTimer, reviewTimer } from './earningSteps';
import { mirrorCredit, mirrorExpire, mirrorTake } from './ledgerMirror';
import { earningIdOf, initialMember, type MemberState } from './memberState';

/** Options of `createEarningReactor`. */
export interface EarningReactorOptions {
  /** Every version of one program (one `id`); each event is judged by the version in force at its time. */
  readonly programs: readonly Program[];
  /** Default `loyalty-earning`; a what-if run uses its own so its effect ids never meet the live ones. */
  readonly name?: string;
  /** Bump it when the programs change meaning for history already folded (a rebuild then derives the same ids). */
  readonly version?: number;
}

/** The event types the earning reactor reads. */
export const earningEventTypes = [
  'LoyaltyEnrolled',
  'PurchaseCompleted',
  'OrderRefunded',
  'ReviewPosted',
  'SurveyAnswered',
  'PersonalDetailsRecorded',
  'CustomerForgotten',
  'TierChanged',
  'PointsRedeemed',
  'PointsAdjusted',
] as const;

/** The commands the earning reactor emits, all for `accountDecider` on the customer's `loyalty-<id>` stream. */
export const earningCommandTypes = ['EarnPoints', 'ReversePoints', 'ExpirePoints', 'ChangeTier'] as const;

const LOYALTY_STREAM = 'loyalty-';

/** The customer a loyalty event belongs to: its metadata, else its `loyalty-<id>` stream. */
export const loyaltyKeyOf = (event: RecordedEvent): string | undefined =>
  event.metadata.customerId ??
  (event.streamId.startsWith(LOYALTY_STREAM) ? event.streamId.slice(LOYALTY_STREAM.length) : undefined);

/**
 * The reactor that runs a loyalty program: it earns points for purchases and bonus events of enrolled members,
 * reverses them in proportion to refunds, expires lots when their date comes, and moves tiers (up at once, down at
 * the review), each as a command for `accountDecider`, with the rule, the basis and the causing event in it. Points
 * unlock with no event: `availableAt` is in each lot. Its decisions depend only on what customers and staff did,
 * never on what its own commands recorded, so a replay, a rebuild and a what-if run (`simulate`) decide exactly
 * what the live run decided.
 *
 * @example
 * const earning = createEarningReactor({ programs: [sampleProgram] });
 * const runner = createProjectionRunner({ projection: earning, eventStore, readModels });
 * const dispatcher = createEffectDispatcher({ outbox: readModels.outbox, eventStore, reactors: [earning],
 *   commands: accountRoutes() });
 */
export const createEarningReactor = (options: EarningReactorOptions): ReactorDefinition<MemberState> => {
  const { evolve, onTimer } = earningLogic(options.programs);
  return defineReactor<MemberState>({
    name: options.name ?? 'loyalty-earning',
    version: options.version ?? 1,
    handles: earningEventTypes,
    emits: { commands: earningCommandTypes },
    keyOf: loyaltyKeyOf,
    init: initialMember,
    evolve: (state, event, ctx) => evolve(state, event as TouchpointEvent, ctx),
    onTimer,
  });
};

/** The earning reactor's timers; a projection folding `earningLogic` passes them to its `onTimer`. */
export const earningTimers: readonly string[] = [birthdayTimer, expiryTimer, reviewTimer];

/**
 * The earning reactor's fold, for the reactor and for read models that need the member's tier basis as the reactor
 * measures it (the balances projection passes a context whose `command` records nothing).
 */
export const earningLogic = (programList: readonly Program[]) => {
  const { programOf, command, scheduleExpiry, reviewTier, earnBonus, onPurchase, onRefund, onEnrolled } =
    earningSteps(programList);
  const evolve = (state: MemberState, event: TouchpointEvent, ctx: ReactorContext): MemberState => {
    if (event.type === 'LoyaltyEnrolled') return onEnrolled(state, event.data, ctx);
    if (event.type === 'CustomerForgotten') {
      ctx.cancel(birthdayTimer);
      const { birthday: _, ...rest } = state;
      return rest;
    }
    if (event.type === 'PersonalDetailsRecorded') {
      const birthday = event.data.birthday?.slice(-5);
      if (birthday === undefined) return state;
      if (state.programId !== undefined)
        ctx.schedule(new Date(nextBirthday(birthday, ctx.now.getTime())), birthdayTimer);
      return { ...state, birthday };
    }
    if (state.programId === undefined) return state; // not a member (yet): nothing earns
    switch (event.type) {
      case 'PurchaseCompleted':
        return onPurchase(state, event.data, ctx);
      case 'OrderRefunded':
        return onRefund(state, event.data, ctx);
      case 'ReviewPosted':
        return earnBonus(state, ctx, 'review_posted', earningIdOf('bonus', 'review', event.data.reviewId));
      case 'SurveyAnswered':
        return earnBonus(state, ctx, 'survey_answered', earningIdOf('bonus', 'survey', event.data.surveyId));
      case 'TierChanged': {
        const { reasonKind, to } = event.data;
        if (reasonKind !== 'manual_floor' && reasonKind !== 'manual_one_off') return state; // the reactor's own
        const now = ctx.now.getTime();
        const program = programOf(now);
        const after = (program?.tiers?.requalifyAfterDays ?? 0) * dayMs;
        const next = { ...state, tier: to, manualTier: to, lastTierChangeAt: now, requalifyAt: now + after };
        if (after !== 0) ctx.schedule(new Date(next.requalifyAt), reviewTimer);
        return next;
      }
      case 'PointsRedeemed':
        return mirrorTake(state, event.data.lots);
      case 'PointsAdjusted': {
        const d = event.data;
        const now = ctx.now.getTime();
        const next =
          d.points > 0
            ? mirrorCredit(
                state,
                d.adjustmentId,
                d.points,
                now,
                d.expiresAt === undefined ? undefined : Date.parse(d.expiresAt),
              )
            : mirrorTake(state, d.lots);
        scheduleExpiry(next, ctx);
        return next;
      }
      default:
        return state;
    }
  };

  const onTimer = (state: MemberState, timer: Timer, ctx: ReactorContext): MemberState => {
    const now = ctx.now.getTime();
    if (timer.name === expiryTimer) {
      command(ctx, 'ExpirePoints', {});
      const next = mirrorExpire(state, now);
      scheduleExpiry(next, ctx);
      return next;
    }
    if (timer.name === reviewTimer) return reviewTier(state, ctx);
    if (timer.name === birthdayTimer && state.birthday !== undefined) {
      const year = String(new Date(now).getUTCFullYear());
      const next = earnBonus(state, ctx, 'birthday', earningIdOf('bonus', 'birthday', year));
      ctx.schedule(new Date(nextBirthday(state.birthday, now)), birthdayTimer);
      return next;
    }
    return state;
  };

  return { evolve, onTimer };
};
