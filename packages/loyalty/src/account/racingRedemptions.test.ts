import {
  createInMemoryEventStore,
  handleCommand,
  isConcurrencyConflict,
  isIllegalState,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { accountDecider, loyaltyStreamId } from './accountDecider';
import { balances } from './balances';

const customerId = 'c1';
const occurredAt = '2026-02-01T00:00:00.000Z';
const streamId = loyaltyStreamId(customerId);

/** An account holding 100 available points, and a way to redeem 80 of them with a given number of retries. */
const accountWith100Points = async () => {
  // #region account
  const store = createInMemoryEventStore();
  const run = (command: unknown, maxRetries?: number) =>
    handleCommand(store, accountDecider, command as never, {
      streamId,
      metadata: { occurredAt },
      ...(maxRetries === undefined ? {} : { maxRetries }),
    });
  await run({
    type: 'EnrolLoyalty',
    data: { customerId, programId: 'stars', programVersion: 1, negativeBalancePolicy: 'debt' },
  });
  await run({
    type: 'EarnPoints',
    data: {
      customerId,
      earningId: 'e1',
      points: 100,
      rule: 'purchase',
      breakdown: [{ rule: 'purchase', points: 100 }],
      availableAt: '2026-01-01T00:00:00.000Z',
      programVersion: 1,
    },
  });
  const redeem = (redemptionId: string, maxRetries?: number) =>
    run({ type: 'RedeemPoints', data: { customerId, redemptionId, points: 80, reward: 'mug' } }, maxRetries);
  // #endregion account
  return { store, redeem };
};

describe('two redemptions racing for the last points', () => {
  it('really overlap: both decide on the same revision, and without retries the second append conflicts', async () => {
    const { redeem } = await accountWith100Points();
    const raced = await Promise.allSettled([redeem('r1', 0), redeem('r2', 0)]);
    const conflicted = raced.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(conflicted).toHaveLength(1);
    expect(isConcurrencyConflict(conflicted[0]!.reason)).toBe(true);
  });

  it('cannot both succeed: the stream revision makes the second decide again and be refused', async () => {
    const { store, redeem } = await accountWith100Points();
    const results = await Promise.allSettled([redeem('r1'), redeem('r2')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isIllegalState(lost[0]!.reason)).toBe(true);
    const { events } = await store.readStream(streamId);
    expect(events.filter((e) => e.type === 'PointsRedeemed')).toHaveLength(1);
    const state = events.reduce(accountDecider.evolve as never, accountDecider.initialState());
    expect(balances(state, occurredAt).available).toBe(20);
  });
});
