import {
  type DecisionContext,
  illegalState,
  notFound,
  notYet,
  RapportError,
  type TouchpointEvent,
  ValidationError,
} from '@rapport/core';
import type { AccountCommand, AccountCommandOf } from './commands';
import { takeLapsed, takeSpendable } from './lots';
import { type AccountState, adjustmentKey, earningKey, redemptionKey, refundKey, seenKey } from './state';

const fail = (path: string, rule: string, got?: unknown): never => {
  throw new ValidationError([got === undefined ? { path, rule } : { path, rule, got: String(got) }]);
};

/** Undefined for a new id, [] for the repeat of what is recorded under it; refuses the id reused for other data. */
const repeat = (
  state: AccountState,
  kind: Parameters<typeof seenKey>[0],
  id: string,
  key: string,
): [] | undefined => {
  const recorded = state.seen.get(seenKey(kind, id));
  if (recorded === undefined) return undefined;
  if (recorded === key) return [];
  throw illegalState(`${kind} ${id} is already recorded with other data; a new ${kind} needs a new id`, {
    [`${kind}Id`]: id,
  });
};

const decideEarn = (data: AccountCommandOf<'EarnPoints'>['data'], state: AccountState): TouchpointEvent[] => {
  const { customerId: _, orderId, eventId, ...earning } = data;
  const again = repeat(state, 'earning', data.earningId, earningKey(data));
  if (again) return again;
  if (state.lots.has(data.earningId)) throw illegalState(`lot ${data.earningId} already exists`);
  const total = data.breakdown.reduce((sum, part) => sum + part.points, 0);
  if (total !== data.points)
    fail('EarnPoints.data.breakdown', `must add up to points (${data.points})`, total);
  if (data.expiresAt !== undefined && Date.parse(data.expiresAt) < Date.parse(data.availableAt)) {
    fail(
      'EarnPoints.data.expiresAt',
      'must not be before availableAt: the expiry clock starts when the lot unlocks',
      data.expiresAt,
    );
  }
  return [
    {
      type: 'PointsEarned',
      data: {
        programId: state.programId,
        ...earning,
        debtRecovered: Math.min(state.debt, data.points),
        cause: { command: 'EarnPoints', ...(orderId && { orderId }), ...(eventId && { eventId }) },
      },
    },
  ];
};

/**
 * Takes `points` oldest first from the lots spendable at `at`, walking only as far as it must to know whether the
 * available balance (spendable remainders less what is overdrawn) covers them: `available` is exact when it does not.
 */
const take = (state: AccountState, at: number, points: number) => {
  const { shares, found } = takeSpendable(state, at, points, points + state.overdrawn);
  return { shares, available: found - state.overdrawn };
};

const decideRedeem = (
  data: AccountCommandOf<'RedeemPoints'>['data'],
  state: AccountState,
  at: number,
): TouchpointEvent[] => {
  const again = repeat(state, 'redemption', data.redemptionId, redemptionKey(data));
  if (again) return again;
  const { shares: lots, available } = take(state, at, data.points);
  if (data.points > available) {
    throw illegalState(`redeeming ${data.points} points exceeds the available balance of ${available}`, {
      requested: data.points,
      available,
    });
  }
  const { customerId: _, orderId, ...redemption } = data;
  return [
    {
      type: 'PointsRedeemed',
      data: {
        programId: state.programId,
        ...redemption,
        ...(orderId && { orderId }),
        lots,
        cause: { command: 'RedeemPoints', ...(orderId && { orderId }) },
      },
    },
  ];
};

const decideReverse = (
  data: AccountCommandOf<'ReversePoints'>['data'],
  state: AccountState,
): TouchpointEvent[] => {
  const again = repeat(state, 'refund', data.refundId, refundKey(data));
  if (again) return again;
  const lot = state.lots.get(data.earningId);
  // the earning may be on its way (its effect not yet executed): a retry can succeed, so this is not NotFound
  if (lot === undefined)
    throw notYet(`no lot ${data.earningId} to reverse points from yet`, { earningId: data.earningId });
  if (lot.reversed + data.points > lot.points) {
    throw illegalState(
      `reversing ${data.points} points exceeds what lot ${lot.earningId} earned and has not yet had reversed (${lot.points - lot.reversed})`,
      { earningId: lot.earningId },
    );
  }
  const fromLot = Math.min(data.points, lot.remaining);
  const { customerId: _, policy, orderId, ...reversal } = data;
  return [
    {
      type: 'PointsReversed',
      data: {
        programId: state.programId,
        ...reversal,
        ...(orderId && { orderId }),
        fromLot,
        shortfall: data.points - fromLot,
        shortfallAs: policy ?? state.policy,
        cause: { command: 'ReversePoints', refundId: data.refundId, ...(orderId && { orderId }) },
      },
    },
  ];
};

const decideAdjust = (
  data: AccountCommandOf<'AdjustPoints'>['data'],
  state: AccountState,
  at: number,
): TouchpointEvent[] => {
  const again = repeat(state, 'adjustment', data.adjustmentId, adjustmentKey(data));
  if (again) return again;
  if (state.lots.has(data.adjustmentId)) throw illegalState(`lot ${data.adjustmentId} already exists`);
  if (data.points < 0 && data.expiresAt !== undefined) {
    fail('AdjustPoints.data.expiresAt', 'only a credit (points above zero) makes a lot that can expire');
  }
  let lots: { earningId: string; points: number }[] = [];
  if (data.points < 0) {
    const taken = take(state, at, -data.points);
    if (-data.points > taken.available) {
      throw illegalState(
        `debiting ${-data.points} points exceeds the available balance of ${taken.available}`,
      );
    }
    lots = taken.shares;
  }
  const { customerId: _, ...adjustment } = data;
  return [
    {
      type: 'PointsAdjusted',
      data: { programId: state.programId, ...adjustment, lots, cause: { command: 'AdjustPoints' } },
    },
  ];
};

const decideExpire = (state: AccountState, at: number): TouchpointEvent[] => {
  const lots = takeLapsed(state, at);
  if (lots.length === 0) return []; // nothing has come due: a repeated sweep
  const points = lots.reduce((sum, share) => sum + share.points, 0);
  return [
    {
      type: 'PointsExpired',
      data: { programId: state.programId, points, lots, cause: { command: 'ExpirePoints' } },
    },
  ];
};

const decideTier = (data: AccountCommandOf<'ChangeTier'>['data'], state: AccountState): TouchpointEvent[] => {
  if (data.from !== state.tier) {
    throw illegalState(
      `the tier is ${state.tier ?? 'none'}, not ${data.from ?? 'none'}: decide the change again`,
      {
        tier: state.tier,
        from: data.from,
      },
    );
  }
  if (data.to === data.from) fail('ChangeTier.data.to', 'must differ from the current tier', data.to);
  const { customerId: _, ...change } = data;
  return [
    {
      type: 'TierChanged',
      data: { programId: state.programId, ...change, cause: { command: 'ChangeTier' } },
    },
  ];
};

/**
 * Decides a loyalty account command at the command's time (`context.occurredAt`, which `handleCommand` gives):
 * which lots are pending, available or due to expire depends on it. Refusals are typed: ValidationError with the
 * path, NotFound, IllegalState; a repeated id with the same data decides nothing.
 */
export const decideAccount = (
  command: AccountCommand,
  state: AccountState,
  context?: DecisionContext,
): TouchpointEvent[] => {
  if (context === undefined) {
    throw new RapportError(
      'Configuration',
      "the loyalty account decides at the command's time: run it with handleCommand, or pass a DecisionContext",
    );
  }
  const at = Date.parse(context.occurredAt);
  const { customerId } = command.data;
  if (command.type === 'EnrolLoyalty') {
    if (state.status === 'enrolled')
      throw illegalState(`customer ${customerId} is already enrolled`, { customerId });
    const { customerId: _, ...data } = command.data;
    return [{ type: 'LoyaltyEnrolled', data }];
  }
  if (state.status !== 'enrolled')
    throw notFound(`customer ${customerId} is not enrolled in loyalty`, { customerId });
  switch (command.type) {
    case 'EarnPoints':
      return decideEarn(command.data, state);
    case 'RedeemPoints':
      return decideRedeem(command.data, state, at);
    case 'ReversePoints':
      return decideReverse(command.data, state);
    case 'AdjustPoints':
      return decideAdjust(command.data, state, at);
    case 'ExpirePoints':
      return decideExpire(state, at);
    case 'ChangeTier':
      return decideTier(command.data, state);
  }
};
