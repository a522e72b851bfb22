import { ownValue, setOwn, type TouchpointData } from '@rapport/core';
import type { ReactorContext } from '@rapport/projections';
import { availableAt, expiresAt } from '../program/availability';
import { bonusFor } from '../program/bonusFor';
import { earnForPurchase } from '../program/earnForPurchase';
import { pointsToReverse } from '../program/pointsToReverse';
import { programPicker } from '../program/programAt';
import type { BonusTrigger, Program } from '../program/programSchema';
import { dayMs, isoOf, startOfDay, startOfMonth, startOfYear } from '../program/time';
import { breakdownOf, checkPrograms, nextBirthday, withOrder, withoutManual } from './earningHelpers';
import { mirrorEarn, mirrorReverse, nextExpiry } from './ledgerMirror';
import { earningIdOf, type MemberState } from './memberState';
import { addBasis, decideMemberTier } from './memberTier';

const msOf = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** The earning reactor's timers. */
export const birthdayTimer = 'birthday';
export const expiryTimer = 'expire';
export const reviewTimer = 'review';

/**
 * The steps the earning reactor is made of, over one program's versions: each reads what happened and the member
 * state, emits its commands on `ctx`, and returns the next state.
 */
export const earningSteps = (programList: readonly Program[]) => {
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

  return {
    programs,
    programId,
    programOf,
    command,
    scheduleExpiry,
    reviewTier,
    earnBonus,
    onPurchase,
    onRefund,
    onEnrolled,
  };
};
