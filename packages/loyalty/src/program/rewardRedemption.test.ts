import { isValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { rewardRedemption } from './rewardRedemption';
import { sampleProgram } from './sampleProgram';

describe('rewardRedemption', () => {
  it('asks for the reward at the cost the program gives it', () => {
    expect(
      rewardRedemption(sampleProgram, { customerId: 'c1', rewardId: 'voucher-10', redemptionId: 'r1' }),
    ).toEqual({
      type: 'RedeemPoints',
      data: { customerId: 'c1', redemptionId: 'r1', points: 900, reward: 'voucher-10' },
    });
  });

  it('refuses a reward the program does not offer, naming it and the ones it does', () => {
    const attempt = () =>
      rewardRedemption(sampleProgram, { customerId: 'c1', rewardId: 'yacht', redemptionId: 'r1' });
    expect(attempt).toThrow(
      'rewardId: must be a reward of program cdnow-rewards v1 (voucher-5, voucher-10) (got "yacht")',
    );
    try {
      attempt();
    } catch (error) {
      expect(isValidationError(error)).toBe(true);
    }
  });
});
