import {
  ownValue,
  type RecordedEvent,
  setOwn,
  type TouchpointData,
  type TouchpointEvent,
} from '@rapport/core';
import { defineReactor, type ReactorContext, type ReactorDefinition, type Timer } from '@rapport/projections';
import { availableAt, expiresAt } from '../program/availability';
import { bonusFor } from '../program/bonusFor';
import { earnForPurchase } from '../program/earnForPurchase';
import { pointsToReverse } from '../program/pointsToReverse';
import { programPicker } from '../program/programAt';
import type { BonusTrigger, Program } from '../program/programSchema';
import { dayMs, isoOf, startOfDay, startOfMonth, startOfYear } from '../program/time';
import { breakdownOf, checkPrograms, nextBirthday, withOrder, withoutManual } from './earningHelpers';
import {
  mirrorCredit,
  mirrorEarn,
  mirrorExpire,
  mirrorReverse,
  mirrorTake,
  nextExpiry,
} from './ledgerMirror';
import { earningIdOf, initialMember, type MemberState } from './memberState';
import { addBasis, decideMemberTier } from './memberTier';

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

const msOf = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

const birthdayTimer = 'birthday';
const expiryTimer = 'expire';
const reviewTimer = 'review';

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
  const programs = [...programList];
  const programId = checkPrograms(programs);
  const programOf = programPicker(programs);

  const command = (ctx: ReactorContext, type: string, data: Record<string, unknown>) =>
    ctx.command({ type, data: { customerId: ctx.key, ...data } as never });

  const scheduleExpiry = (state: MemberState, ctx: ReactorContext) => {
    const at = nextExpiry(state);
    if (at === undefined) ctx.cancel(expiryTimer);
    else ctx.schedule(new Date(at), expiryTimer);
  };

  /** Asks for a tier move when the program's rules call for one at `now`; keeps the review date current. */
  const reviewTier = (state: MemberState, ctx: ReactorContext): MemberState => {
    const now = ctx.now.getTime();
    const program = programOf(now);
    if (program?.tiers === undefined) return state;
    const decision = decideMemberTier(program, state, now)!;
    const oneOffOver =
      program.tiers.manual === 'one_off' && state.manualTier !== undefined && now >= state.requalifyAt;
    let next: MemberState = oneOffOver ? withoutManual(state) : state;
    if (decision.kind === 'hold') {
      next = { ...next, requalifyAt: Date.parse(decision.nextReviewAt) };
    } else {
      const { basis } = decision;
      command(ctx, 'ChangeTier', {
        ...(state.tier === undefined ? {} : { from: state.tier }),
        to: decision.to,
        reasonKind: decision.kind,
        basis: [
          {
            kind: basis.kind,
            value: Math.round(basis.value),
            window: { start: basis.window.from, end: basis.window.to },
          },
        ],
        programVersion: program.version,
        reason: decision.reason,
      });
      next = {
        ...next,
        tier: decision.to,
        lastTierChangeAt: now,
        requalifyAt: Date.parse(decision.nextReviewAt),
      };
    }
    ctx.schedule(new Date(next.requalifyAt), reviewTimer);
    return next;
  };

  /** Earns a fixed bonus once per `earningId`. */
  const earnBonus = (
    state: MemberState,
    ctx: ReactorContext,
    trigger: BonusTrigger,
    earningId: string,
  ): MemberState => {
    const now = ctx.now.getTime();
    const program = programOf(now);
    if (program === undefined || ownValue(state.lots, earningId) !== undefined) return state;
    const bonus = bonusFor(program, trigger, isoOf(now));
    if (bonus.points <= 0) return state;
    const expires = expiresAt(program, isoOf(now));
    command(ctx, 'EarnPoints', {
      earningId,
      points: bonus.points,
      rule: bonus.components[0]!.ruleId,
      breakdown: breakdownOf(bonus.components),
      availableAt: isoOf(now),
      ...(expires === undefined ? {} : { expiresAt: expires }),
      programVersion: program.version,
      ...(ctx.event === undefined ? {} : { eventId: ctx.event.id }),
    });
    const next = mirrorEarn(state, earningId, bonus.points, now, msOf(expires));
    scheduleExpiry(next, ctx);
    return { ...next, basis: addBasis(programs, next, [now, 0, bonus.points]) };
  };

  const onPurchase = (
    state: MemberState,
    data: TouchpointData<'PurchaseCompleted'>,
    ctx: ReactorContext,
  ): MemberState => {
    if (ownValue(state.orders, data.orderId) !== undefined) return state; // the same order recorded again
    const now = ctx.now.getTime();
    const program = programOf(now);
    const purchases = state.purchases + 1;
    if (program === undefined)
      return { ...state, purchases, orders: withOrder(state, data.orderId, now, 0, 0) };
    const [dayStart, monthStart, yearStart, day, month, year] = state.periods;
    const periodStarts = [startOfDay(now), startOfMonth(now), startOfYear(now)] as const;
    const same = [dayStart, monthStart, yearStart].map((start, i) => start === periodStarts[i]);
    const earning = earnForPurchase(program, data, {
      at: isoOf(now),
      ...(state.tier === undefined ? {} : { tier: state.tier }),
      earnedInPeriod: { day: same[0] ? day : 0, month: same[1] ? month : 0, year: same[2] ? year : 0 },
      firstPurchase: state.purchases === 0,
    });
    const net = earning.reason === 'currency_mismatch' ? 0 : earning.net;
    const earningId = earningIdOf('order', data.orderId);
    let next: MemberState = {
      ...state,
      purchases,
      periods: [
        ...periodStarts,
        (same[0] ? day : 0) + earning.spendPoints,
        (same[1] ? month : 0) + earning.spendPoints,
        (same[2] ? year : 0) + earning.spendPoints,
      ],
      orders: withOrder(
        state,
        data.orderId,
        now,
        net,
        earning.spendPoints,
        earning.points > 0 ? earningId : undefined,
      ),
    };
    if (earning.points > 0) {
      const unlock = availableAt(program, isoOf(now));
      const expires = expiresAt(program, unlock);
      command(ctx, 'EarnPoints', {
        earningId,
        points: earning.points,
        rule: program.earning.base.id,
        breakdown: breakdownOf(earning.components),
        availableAt: unlock,
        ...(expires === undefined ? {} : { expiresAt: expires }),
        programVersion: program.version,
        orderId: data.orderId,
      });
      next = mirrorEarn(next, earningId, earning.points, Date.parse(unlock), msOf(expires));
      scheduleExpiry(next, ctx);
    }
    next = { ...next, basis: addBasis(programs, next, [now, net, earning.points]) };
    return reviewTier(next, ctx);
  };

  const onRefund = (
    state: MemberState,
    data: TouchpointData<'OrderRefunded'>,
    ctx: ReactorContext,
  ): MemberState => {
    const order = ownValue(state.orders, data.orderId);
    if (order === undefined || order.refunds.includes(data.refundId)) return state;
    const refundNow = order.net === 0 ? data.amount : Math.min(data.amount, order.net - order.refunded);
    const points =
      order.earningId === undefined
        ? 0
        : pointsToReverse(order.spendPoints, order.net, order.refunded, refundNow);
    const orders = { ...state.orders };
    setOwn(orders, data.orderId, {
      ...order,
      refunded: order.refunded + refundNow,
      refunds: [...order.refunds, data.refundId],
    });
    let next: MemberState = { ...state, orders };
    const now = ctx.now.getTime();
    if (points > 0 && order.earningId !== undefined) {
      command(ctx, 'ReversePoints', {
        refundId: data.refundId,
        earningId: order.earningId,
        points,
        reason: `${data.kind} ${data.refundId} of ${refundNow} of the order's net ${order.net}`,
        orderId: data.orderId,
      });
      next = mirrorReverse(next, order.earningId, points);
    }
    const spend = order.net === 0 ? 0 : -refundNow;
    if (spend !== 0 || points !== 0)
      next = { ...next, basis: addBasis(programs, next, [now, spend, -points]) };
    return reviewTier(next, ctx);
  };

  const onEnrolled = (
    state: MemberState,
    data: TouchpointData<'LoyaltyEnrolled'>,
    ctx: ReactorContext,
  ): MemberState => {
    if (data.programId !== programId || state.programId !== undefined) return state;
    const now = ctx.now.getTime();
    const program = programOf(now);
    const requalifyAfter = (program?.tiers?.requalifyAfterDays ?? 0) * dayMs;
    let next: MemberState = {
      ...state,
      programId,
      policy: data.negativeBalancePolicy,
      ...(data.tier === undefined ? {} : { tier: data.tier }),
      lastTierChangeAt: now,
      requalifyAt: requalifyAfter === 0 ? 0 : now + requalifyAfter,
    };
    if (requalifyAfter !== 0) ctx.schedule(new Date(next.requalifyAt), reviewTimer);
    next = earnBonus(next, ctx, 'enrolment', earningIdOf('bonus', 'enrolment'));
    if (next.birthday !== undefined) ctx.schedule(new Date(nextBirthday(next.birthday, now)), birthdayTimer);
    return next;
  };

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
            ? mirrorCredit(state, d.adjustmentId, d.points, now, msOf(d.expiresAt))
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
