import type { CustomerCommandInput } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { loyaltyWorld } from '../__fixtures__/loyaltyWorld';
import { memberWorlds } from '../__fixtures__/member';
import { type ProgramInput, parseProgram, sampleProgram } from '../program/index';

const { ann, at, given, track } = memberWorlds();

describe('earning: a purchase earns into a pending lot, bonuses at once', () => {
  it('given a member, when they buy for $120, then 120 points and the first-order bonus wait 30 days', async () => {
    const { world, purchase, movements } = await given();
    await purchase('o-1', 120, '1997-02-01');
    await world.settle('1997-02-02T00:00:00Z');
    expect(await movements()).toEqual([
      ['LoyaltyEnrolled', undefined, null],
      ['PointsEarned', 50, 'bonus:enrolment'],
      ['PointsEarned', 220, 'order:o-1'],
      ['TierChanged', 'silver', 'upgrade'],
    ]);
    const earned = (await world.ledger(ann))[2]!;
    expect(earned.data).toMatchObject({
      rule: 'base',
      breakdown: [
        { rule: 'base', points: 120 },
        { rule: 'first-order', points: 100 },
      ],
      availableAt: '1997-03-03T12:00:00.000Z',
      // the expiry clock starts at the unlock: end of the twelfth month after March 1997
      expiresAt: '1998-04-01T00:00:00.000Z',
      cause: { command: 'EarnPoints', orderId: 'o-1' },
    });
    expect(earned.metadata).toMatchObject({ actor: 'reactor:loyalty-earning', occurredAt: at('1997-02-01') });
    // pending until the return window closes, then available with no new event
    expect(await world.loyalty.balances(ann, '1997-03-03T11:59:59.999Z')).toMatchObject({
      available: 50,
      pending: 220,
    });
    expect(await world.loyalty.balances(ann, '1997-03-03T12:00:00.000Z')).toMatchObject({
      available: 270,
      pending: 0,
    });
  });

  it('given a customer who never enrolled, when they buy, then nothing is earned', async () => {
    const { world, purchase } = await given([sampleProgram], false);
    await purchase('o-1', 120, '1997-02-01');
    await world.settle('1997-03-01T00:00:00Z');
    expect(await world.ledger(ann)).toEqual([]);
  });

  it('given a silver member, when they buy, then the tier multiplier applies and the order cap cuts', async () => {
    const { world, purchase } = await given();
    await purchase('o-1', 120, '1997-02-01'); // silver from here on
    await purchase('o-2', 900, '1997-02-05'); // 900 × 1.25 = 1125, cut to 1000 by the order cap
    await world.settle('1997-02-06T00:00:00Z');
    const second = (await world.ledger(ann)).find(
      (event) => (event.data as { earningId?: string }).earningId === 'order:o-2',
    );
    expect(second?.data).toMatchObject({
      points: 1000,
      breakdown: [
        { rule: 'base', points: 900 },
        { rule: 'silver-earn', points: 225 },
        { rule: 'order-cap', points: -125 },
      ],
    });
  });
});

describe('refunds reverse in proportion, and the policy decides about points already spent', () => {
  it('given points partly redeemed, when half the order is refunded, then what the lot lacks becomes debt, recovered from the next earning', async () => {
    const { world, purchase, refund, movements } = await given();
    await purchase('o-1', 400, '1997-02-01'); // 400 + 100 first-order, pending until 3 March
    await world.settle('1997-03-10T00:00:00Z');
    // 550 available: the welcome lot (50, expiring first) and the order's (500)
    await world.account(
      {
        type: 'RedeemPoints',
        data: { customerId: ann, redemptionId: 'r-1', points: 500, reward: 'voucher-5' },
      },
      at('1997-03-10'),
    );
    await refund('o-1', 'rf-1', 200, '1997-03-12');
    await world.settle('1997-03-13T00:00:00Z');
    const ledger = await world.ledger(ann);
    const reversed = ledger.find((event) => event.type === 'PointsReversed');
    // the spend points (400, the bonus is not reversed) × 200 / 400: 200, of which the lot holds 50
    expect(reversed?.data).toMatchObject({
      refundId: 'rf-1',
      earningId: 'order:o-1',
      points: 200,
      fromLot: 50,
      shortfall: 150,
      shortfallAs: 'debt',
    });
    expect(await world.loyalty.balances(ann, '1997-03-13T00:00:00Z')).toMatchObject({
      available: 0,
      debt: 150,
    });
    await purchase('o-2', 200, '1997-03-20');
    await world.settle('1997-04-20T00:00:00Z');
    const last = (await world.ledger(ann)).find(
      (event) => (event.data as { earningId?: string }).earningId === 'order:o-2',
    );
    // silver since o-1: 200 × 1.25 = 250, 150 of it pays the debt
    expect(last?.data).toMatchObject({ points: 250, debtRecovered: 150 });
    expect(await world.loyalty.balances(ann, '1997-04-20T00:00:00Z')).toMatchObject({
      available: 100,
      debt: 0,
    });
    expect((await movements()).filter(([type]) => type === 'PointsReversed')).toHaveLength(1);
  });

  it('given a refund recorded twice, then the points are reversed once', async () => {
    const { world, purchase, refund } = await given();
    await purchase('o-1', 100, '1997-02-01');
    await refund('o-1', 'rf-1', 40, '1997-02-03');
    await world.settle('1997-02-04T00:00:00Z');
    await world.customer(
      {
        type: 'RecordRefund',
        data: {
          customerId: ann,
          orderId: 'o-1',
          refundId: 'rf-2',
          kind: 'refund',
          amount: 6000,
          currency: 'USD',
          reason: 'other',
        },
      },
      at('1997-02-05'),
    );
    await world.settle('1997-02-06T00:00:00Z');
    const reversals = (await world.ledger(ann)).filter((event) => event.type === 'PointsReversed');
    // 100 spend points: 40 for the first $40, the remaining 60 for the rest, never more than earned
    expect(reversals.map((event) => (event.data as { points: number }).points)).toEqual([40, 60]);
  });
});

describe('tiers move up at once and down only at the review', () => {
  it('given a silver member who stops buying, then they are downgraded at the requalification date, with no event', async () => {
    const { world, purchase } = await given();
    await purchase('o-1', 120, '1997-02-01');
    await world.settle('1997-02-02T00:00:00Z');
    await world.settle('1998-01-09T00:00:00Z'); // before the review (enrolled 1997-01-10, upgraded 1997-02-01)
    expect((await world.loyalty.account(ann)).tier).toBe('silver');
    await world.settle('1998-02-02T00:00:00Z'); // the review a year after the upgrade
    const changes = (await world.ledger(ann)).filter((event) => event.type === 'TierChanged');
    expect(changes.map((event) => event.data)).toMatchObject([
      { to: 'silver', reasonKind: 'upgrade' },
      {
        from: 'silver',
        to: 'member',
        reasonKind: 'downgrade',
        basis: [{ kind: 'qualifying_spend', value: 0 }],
      },
    ]);
    expect(changes[1]!.metadata.occurredAt).toBe('1998-02-01T12:00:00.000Z');
  });

  const manualTier = async (manual: 'floor' | 'one_off') => {
    const input = JSON.parse(JSON.stringify(sampleProgram)) as ProgramInput;
    const program = parseProgram({ ...input, tiers: { ...input.tiers!, manual } });
    const { world } = await given([program]);
    await world.account(
      {
        type: 'ChangeTier',
        data: {
          customerId: ann,
          to: 'gold',
          reasonKind: manual === 'floor' ? 'manual_floor' : 'manual_one_off',
          basis: [],
          programVersion: 1,
          reason: 'a valued partner',
        },
      },
      at('1997-03-01'),
    );
    await world.settle('1998-03-02T00:00:00Z'); // past the review a year after the manual change
    return (await world.loyalty.account(ann)).tier;
  };

  it('given a manual gold tier as a floor, then the review keeps it though the basis earns nothing', async () => {
    expect(await manualTier('floor')).toBe('gold');
  });

  it('given a manual gold tier as a one-off, then the review takes it back to what the basis earns', async () => {
    expect(await manualTier('one_off')).toBe('member');
  });
});

describe('expiry needs no event', () => {
  it('given unspent points, when their expiry date passes, then they are expired by a timer', async () => {
    const { world, purchase } = await given();
    await purchase('o-1', 120, '1997-02-01');
    await world.settle('1998-04-02T00:00:00Z');
    const expired = (await world.ledger(ann)).filter((event) => event.type === 'PointsExpired');
    // the welcome lot (unlocked 1997-01-10, expiring 1998-02-01), then the order's (expiring 1998-04-01)
    expect(
      expired.map((event) => [event.metadata.occurredAt, (event.data as { points: number }).points]),
    ).toEqual([
      ['1998-02-01T00:00:00.000Z', 50],
      ['1998-04-01T00:00:00.000Z', 220],
    ]);
    expect(await world.loyalty.balances(ann, '1998-04-02T00:00:00Z')).toMatchObject({
      available: 0,
      expired: 270,
    });
  });
});

describe('the reactor’s commands for one customer run in the order it decided them', () => {
  it('given the earning fails once, then the reversal decided after it waits for it, and both land in order', async () => {
    let failedOnce = false;
    const world = loyaltyWorld({
      programs: [sampleProgram],
      dispatchStore: (store) => ({
        ...store,
        appendToStream: async (streamId, events, options) => {
          if (
            !failedOnce &&
            events.some((event) => (event.data as { earningId?: string }).earningId === 'order:o-1')
          ) {
            failedOnce = true;
            throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
          }
          return store.appendToStream(streamId, events, options);
        },
      }),
    });
    track(world);
    await world.customer(
      { type: 'RegisterCustomer', data: { customerId: ann, kind: 'customer' } },
      at('1997-01-10'),
    );
    await world.account(
      {
        type: 'EnrolLoyalty',
        data: {
          customerId: ann,
          programId: 'cdnow-rewards',
          programVersion: 1,
          negativeBalancePolicy: 'debt',
        },
      },
      at('1997-01-10'),
    );
    for (const command of [
      {
        type: 'RecordPurchase',
        data: {
          customerId: ann,
          orderId: 'o-1',
          currency: 'USD',
          paymentMethod: 'card',
          total: 10000,
          lines: [],
        },
      },
      {
        type: 'RecordRefund',
        data: {
          customerId: ann,
          orderId: 'o-1',
          refundId: 'rf-1',
          kind: 'refund',
          amount: 10000,
          currency: 'USD',
          reason: 'other',
        },
      },
    ] satisfies CustomerCommandInput[])
      await world.customer(command, at('1997-02-01'));
    await world.settle('1997-02-02T00:00:00Z');
    expect(failedOnce).toBe(true);
    const types = (await world.ledger(ann)).map((event) => event.type);
    expect(types).toEqual([
      'LoyaltyEnrolled',
      'PointsEarned',
      'PointsEarned',
      'TierChanged',
      'PointsReversed',
    ]);
    const entries = (await world.readModels.outbox.list()).entries;
    const history = (type: string) =>
      entries.find((entry) => entry.type === type)?.history.map((line) => line.what);
    expect(history('EarnPoints')).toEqual(['created', 'sent']); // the welcome bonus
    expect(
      entries.filter((entry) => entry.type === 'EarnPoints')[1]?.history.map((line) => line.what),
    ).toEqual(['created', 'failed', 'sent']);
    expect(history('ReversePoints')).toEqual(['created', 'sent']);
    expect((await world.readModels.outbox.list({ status: 'dead' })).entries).toEqual([]);
  });
});
