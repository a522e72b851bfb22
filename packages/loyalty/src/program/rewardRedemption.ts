import { renderValue, ValidationError } from '@rapport/core';
import type { AccountCommandOf } from '../account/commands';
import type { Program } from './programSchema';

/** What a member asks for: a reward of the program, under a redemption id of the caller's (the idempotency key). */
export interface RewardRequest {
  readonly customerId: string;
  readonly rewardId: string;
  readonly redemptionId: string;
  readonly orderId?: string;
}

/**
 * The `RedeemPoints` command for a reward of `program`, at its cost. An id the program does not offer is a
 * ValidationError that names it and the rewards there are; the account then refuses a cost beyond the available
 * balance, and repeats of the redemption id decide nothing.
 *
 * @example
 * await loyalty.execute(rewardRedemption(program, { customerId: 'c1', rewardId: 'voucher-5', redemptionId: 'r-77' }));
 */
export const rewardRedemption = (
  program: Program,
  request: RewardRequest,
): AccountCommandOf<'RedeemPoints'> => {
  const reward = program.rewards.find((candidate) => candidate.id === request.rewardId);
  if (reward === undefined) {
    const offered = program.rewards.map((candidate) => candidate.id).join(', ') || 'none';
    throw new ValidationError([
      {
        path: 'rewardId',
        rule: `must be a reward of program ${program.id} v${program.version} (${offered})`,
        got: renderValue(request.rewardId),
      },
    ]);
  }
  return {
    type: 'RedeemPoints',
    data: {
      customerId: request.customerId,
      redemptionId: request.redemptionId,
      points: reward.cost,
      reward: reward.id,
      ...(request.orderId === undefined ? {} : { orderId: request.orderId }),
    },
  };
};
