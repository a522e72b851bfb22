import type { TouchpointEvent } from '@rapport/core';
import { foldEvents } from '@rapport/core';
import { givenDecider } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { accountDecider } from './accountDecider';
import { balances } from './balances';

const customerId = 'c1';
/** The decider deciding at one time, as handleCommand would give it. */
const at = (occurredAt: string) => ({
  ...accountDecider,
  decide: (
    command: Parameters<typeof accountDecider.decide>[0],
    state: Parameters<typeof accountDecider.decide>[1],
  ) => accountDecider.decide(command, state, { occurredAt }),
});
const JAN = '2026-01-01T00:00:00.000Z';
const FEB = '2026-02-01T00:00:00.000Z';
const MAR = '2026-03-01T00:00:00.000Z';
const JUN = '2026-06-01T00:00:00.000Z';
const DEC = '2026-12-01T00:00:00.000Z';

const enrolled = (policy: 'allow_negative' | 'debt' = 'debt'): TouchpointEvent => ({
  type: 'LoyaltyEnrolled',
  data: { programId: 'stars', programVersion: 1, negativeBalancePolicy: policy },
});
const earned = (
  earningId: string,
  points: number,
  availableAt: string,
  expiresAt?: string,
  debtRecovered = 0,
) =>
  ({
    type: 'PointsEarned',
    data: {
      programId: 'stars',
      earningId,
      points,
      rule: 'purchase',
      breakdown: [{ rule: 'purchase', points }],
      availableAt,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      programVersion: 1,
      debtRecovered,
      cause: { command: 'EarnPoints' },
    },
  }) as TouchpointEvent;
const earn = (earningId: string, points: number, availableAt: string, expiresAt?: string) => ({
  type: 'EarnPoints' as const,
  data: {
    customerId,
    earningId,
    points,
    rule: 'purchase',
    breakdown: [{ rule: 'purchase', points }],
    availableAt,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    programVersion: 1,
  },
});
const redeem = (redemptionId: string, points: number, reward = 'mug') => ({
  type: 'RedeemPoints' as const,
  data: { customerId, redemptionId, points, reward },
});
const redeemed = (redemptionId: string, points: number, lots: { earningId: string; points: number }[]) =>
  ({
    type: 'PointsRedeemed',
    data: {
      programId: 'stars',
      redemptionId,
      points,
      reward: 'mug',
      lots,
      cause: { command: 'RedeemPoints' },
    },
  }) as TouchpointEvent;
const reverse = (refundId: string, earningId: string, points: number) => ({
  type: 'ReversePoints' as const,
  data: { customerId, refundId, earningId, points, reason: 'returned' },
});
const expire = { type: 'ExpirePoints' as const, data: { customerId } };
const state = (history: readonly TouchpointEvent[]) => foldEvents(accountDecider, history);

describe('a loyalty account', () => {
  it('holds a purchase’s points pending until its return window closes, then available with no new event', () => {
    const history = [enrolled(), earned('e1', 100, FEB)];
    expect(balances(state(history), JAN)).toMatchObject({ available: 0, pending: 100 });
    expect(balances(state(history), FEB)).toMatchObject({ available: 100, pending: 0 });
    givenDecider(at(JAN), history).when(redeem('r1', 1)).thenThrows('IllegalState', 'available balance of 0');
  });

  it('redeems oldest first across lots (earliest expiry, then earliest unlock, then id) and records the lots taken', () => {
    const history = [
      enrolled(),
      earned('late', 50, JAN, DEC),
      earned('never', 50, JAN),
      earned('soon', 30, JAN, JUN),
    ];
    givenDecider(at(FEB), history)
      .when(redeem('r1', 60))
      .then([
        redeemed('r1', 60, [
          { earningId: 'soon', points: 30 },
          { earningId: 'late', points: 30 },
        ]),
      ]);
  });

  it('refuses a redemption beyond the available balance at the command’s time', () => {
    givenDecider(at(FEB), [enrolled(), earned('e1', 100, JAN), earned('e2', 100, MAR)])
      .when(redeem('r1', 101))
      .thenThrows('IllegalState', 'exceeds the available balance of 100');
  });

  it('redeems once for one redemption id, and refuses the id with other data', () => {
    const history = [
      enrolled(),
      earned('e1', 100, JAN),
      redeemed('r1', 60, [{ earningId: 'e1', points: 60 }]),
    ];
    givenDecider(at(FEB), history).when(redeem('r1', 60)).then([]);
    givenDecider(at(FEB), history)
      .when(redeem('r1', 10))
      .thenThrows('IllegalState', 'redemption r1 is already recorded');
  });

  describe('a refund after a partial redemption', () => {
    const spent = [earned('e1', 100, JAN), redeemed('r1', 80, [{ earningId: 'e1', points: 80 }])];
    const reversed = (shortfallAs: 'allow_negative' | 'debt') => ({
      type: 'PointsReversed' as const,
      data: {
        programId: 'stars',
        refundId: 'f1',
        earningId: 'e1',
        points: 50,
        reason: 'returned',
        fromLot: 20,
        shortfall: 30,
        shortfallAs,
        cause: { command: 'ReversePoints', refundId: 'f1' },
      },
    });

    it('takes the lot’s remainder and, under allow_negative, lets the available balance go negative', () => {
      const history = [enrolled('allow_negative'), ...spent];
      givenDecider(at(FEB), history)
        .when(reverse('f1', 'e1', 50))
        .then([reversed('allow_negative')]);
      expect(balances(state([...history, reversed('allow_negative')]), FEB)).toMatchObject({
        available: -30,
        debt: 0,
      });
    });

    it('counts the overdrawn points against every lot, not only the first lots a redemption would take', () => {
      const history = [
        enrolled('allow_negative'),
        ...spent,
        reversed('allow_negative'),
        earned('e2', 40, JAN),
        earned('e3', 40, JAN),
        earned('e4', 40, JAN),
      ];
      // 120 points in lots less 30 overdrawn: 90 available, though the first two lots hold only 80
      givenDecider(at(FEB), history)
        .when(redeem('r2', 75))
        .then([
          redeemed('r2', 75, [
            { earningId: 'e2', points: 40 },
            { earningId: 'e3', points: 35 },
          ]),
        ]);
      givenDecider(at(FEB), history)
        .when(redeem('r2', 91))
        .thenThrows('IllegalState', 'exceeds the available balance of 90');
    });

    it('records the shortfall as debt under the debt policy, and the next earning pays it first', () => {
      const history = [enrolled('debt'), ...spent];
      givenDecider(at(FEB), history)
        .when(reverse('f1', 'e1', 50))
        .then([reversed('debt')]);
      const inDebt = [...history, reversed('debt')];
      expect(balances(state(inDebt), FEB)).toMatchObject({ available: 0, debt: 30 });
      givenDecider(at(FEB), inDebt)
        .when(earn('e2', 40, JAN))
        .then([earned('e2', 40, JAN, undefined, 30)]);
      expect(balances(state([...inDebt, earned('e2', 40, JAN, undefined, 30)]), FEB)).toMatchObject({
        available: 10,
        debt: 0,
      });
    });

    it('reverses once for one refund id', () => {
      const history = [enrolled('debt'), ...spent, reversed('debt')];
      givenDecider(at(FEB), history)
        .when(reverse('f1', 'e1', 50))
        .then([]);
      givenDecider(at(FEB), history)
        .when(reverse('f1', 'e1', 20))
        .thenThrows('IllegalState', 'refund f1');
    });

    it('refuses to take back more than the lot earned', () => {
      givenDecider(at(FEB), [enrolled(), ...spent])
        .when(reverse('f1', 'e1', 101))
        .thenThrows('IllegalState', 'exceeds what lot e1 earned');
    });

    it('answers a reversal of a lot not recorded yet with NotYet, which a dispatcher retries', () => {
      givenDecider(at(FEB), [enrolled()])
        .when(reverse('f1', 'e9', 10))
        .thenThrows('NotYet', 'no lot e9');
    });
  });

  describe('expiry', () => {
    const expired = (lots: { earningId: string; points: number }[]) =>
      ({
        type: 'PointsExpired',
        data: {
          programId: 'stars',
          points: lots.reduce((s, l) => s + l.points, 0),
          lots,
          cause: { command: 'ExpirePoints' },
        },
      }) as TouchpointEvent;
    const history = [
      enrolled(),
      earned('e1', 100, JAN, MAR),
      earned('e2', 10, JAN, JUN),
      redeemed('r1', 70, [{ earningId: 'e1', points: 70 }]),
    ];

    it('expires only the remainder of a partly spent lot, and only lots whose date has come', () => {
      givenDecider(at(MAR), history)
        .when(expire)
        .then([expired([{ earningId: 'e1', points: 30 }])]);
    });

    it('never expires a lot twice, nor one fully spent', () => {
      const after = [...history, expired([{ earningId: 'e1', points: 30 }])];
      givenDecider(at(MAR), after).when(expire).then([]);
      givenDecider(at(JUN), after)
        .when(expire)
        .then([expired([{ earningId: 'e2', points: 10 }])]);
    });
  });

  describe('manual adjustments', () => {
    const adjust = (data: Record<string, unknown>) => ({
      type: 'AdjustPoints' as const,
      data: { customerId, adjustmentId: 'a1', points: 5, reason: 'goodwill', adjustedBy: 'agent-7', ...data },
    });

    it('are refused without an actor or a reason, naming the field', () => {
      givenDecider(at(FEB), [enrolled()])
        .when(adjust({ adjustedBy: undefined }))
        .thenThrows('Validation', 'adjustedBy');
      givenDecider(at(FEB), [enrolled()])
        .when(adjust({ reason: '' }))
        .thenThrows('Validation', 'reason');
    });

    it('refuse a debit beyond the available balance', () => {
      givenDecider(at(FEB), [enrolled(), earned('e1', 10, JAN)])
        .when(adjust({ points: -11 }))
        .thenThrows('IllegalState', 'exceeds the available balance of 10');
    });
  });

  describe('tier changes', () => {
    const change = (from: string | undefined, to: string) => ({
      type: 'ChangeTier' as const,
      data: {
        customerId,
        ...(from === undefined ? {} : { from }),
        to,
        reasonKind: 'upgrade' as const,
        basis: [{ kind: 'points', value: 1000, window: { start: JAN, end: DEC } }],
        programVersion: 2,
      },
    });

    it('records from, to, reason kind, basis and program version', () => {
      givenDecider(at(FEB), [enrolled()])
        .when(change(undefined, 'gold'))
        .then([
          {
            type: 'TierChanged',
            data: {
              programId: 'stars',
              to: 'gold',
              reasonKind: 'upgrade',
              basis: [{ kind: 'points', value: 1000, window: { start: JAN, end: DEC } }],
              programVersion: 2,
              cause: { command: 'ChangeTier' },
            },
          },
        ]);
    });

    it('refuses a change from a tier the account is not in, to the same tier, or before enrolment', () => {
      givenDecider(at(FEB), [enrolled()])
        .when(change('silver', 'gold'))
        .thenThrows('IllegalState', 'the tier is none');
      givenDecider(at(FEB), [
        enrolled(),
        {
          type: 'TierChanged',
          data: {
            programId: 'stars',
            to: 'gold',
            reasonKind: 'upgrade',
            basis: [],
            programVersion: 1,
            cause: {},
          },
        },
      ])
        .when(change('gold', 'gold'))
        .thenThrows('Validation', 'must differ');
      givenDecider(at(FEB), []).when(change(undefined, 'gold')).thenThrows('NotFound', 'not enrolled');
    });
  });

  it('refuses to decide without the command’s time', () => {
    expect(() => accountDecider.decide(expire, state([enrolled()]))).toThrow(/command's time/);
  });
});
