import { describe, expect, it } from 'vitest';
import { touchpointRegistry } from '../registry/touchpointRegistry';
import type { RecordedEvent } from '../store/envelope';

const recorded = (type: string, data: unknown): RecordedEvent =>
  ({
    id: '0190a0e0-0000-7000-8000-000000000000',
    type,
    data,
    streamId: 'loyalty-c1',
    streamPosition: 0n,
    globalPosition: 0n,
    metadata: {
      occurredAt: '2024-05-01T10:00:00.000Z',
      recordedAt: '2024-05-01T10:00:00.000Z',
      tenantId: 't',
      schemaVersion: 1,
    },
  }) as RecordedEvent;

const lift = (type: string, data: unknown) => {
  const event = touchpointRegistry.upcast(recorded(type, data));
  expect(event.metadata.schemaVersion).toBe(2);
  expect(touchpointRegistry.validate(type, event.data).success).toBe(true);
  return event.data;
};

describe('the loyalty events recorded at v1', () => {
  it('read as valid v2 events, keeping every v1 fact and marking what v1 did not record', () => {
    expect(
      lift('PointsEarned', {
        programId: 'p',
        earningId: 'e1',
        points: 5,
        rule: 'r',
        orderId: 'o1',
        pendingUntil: '2024-06-01T00:00:00Z',
      }),
    ).toEqual({
      programId: 'p',
      programVersion: 1,
      earningId: 'e1',
      points: 5,
      rule: 'r',
      breakdown: [{ rule: 'r', points: 5 }],
      availableAt: '2024-06-01T00:00:00Z',
      debtRecovered: 0,
      cause: { orderId: 'o1' },
    });
    expect(lift('PointsEarned', { programId: 'p', earningId: 'e1', points: 5, rule: 'r' })).toMatchObject({
      availableAt: '2024-05-01T10:00:00.000Z',
    });
    expect(lift('LoyaltyEnrolled', { programId: 'p' })).toEqual({
      programId: 'p',
      programVersion: 1,
      negativeBalancePolicy: 'debt',
    });
    expect(
      lift('PointsRedeemed', { programId: 'p', redemptionId: 'r1', points: 3, reward: 'mug' }),
    ).toMatchObject({
      lots: [],
    });
    expect(lift('PointsExpired', { programId: 'p', points: 3, earningId: 'e1' })).toMatchObject({
      lots: [{ earningId: 'e1', points: 3 }],
    });
    expect(lift('PointsReversed', { programId: 'p', points: 3, reason: 'refund' })).toMatchObject({
      fromLot: 3,
      shortfall: 0,
      refundId: 'v1.refund.20240501T100000000Z',
    });
    expect(lift('PointsAdjusted', { programId: 'p', points: -3, reason: 'fix' })).toMatchObject({
      adjustedBy: 'unrecorded',
    });
    expect(lift('TierChanged', { programId: 'p', to: 'gold' })).toMatchObject({
      reasonKind: 'manual_one_off',
      basis: [],
    });
  });
});
