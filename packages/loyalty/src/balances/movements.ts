import { ownValue, type RecordedEvent, setOwn, type TouchpointEvent } from '@rapport/core';
import type { BalancesDocument, LotView, Movement } from './balancesDocument';

type Share = { readonly earningId: string; readonly points: number };

const causeOf = (cause: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(cause)) if (value !== undefined) out[key] = value;
  return out;
};

const changeLots = (
  lots: BalancesDocument['lots'],
  shares: readonly Share[],
  change: (lot: LotView, points: number) => LotView,
): BalancesDocument['lots'] => {
  if (shares.length === 0) return lots;
  const next = { ...lots };
  for (const share of shares) {
    const lot = ownValue(next, share.earningId);
    if (lot !== undefined) setOwn(next, share.earningId, change(lot, share.points));
  }
  return next;
};

/** An ISO time with any offset as UTC `toISOString` text, so lot times compare as text. */
const utc = (iso: string) => new Date(Date.parse(iso)).toISOString();

const take = (lot: LotView, points: number): LotView => ({ ...lot, remaining: lot.remaining - points });

/**
 * Folds one recorded event into the ledger part of a balances document: lots, totals and the movement with its
 * rule, reason, cause and actor. Events it does not record (purchases, refunds) leave the document as it is.
 */
export const recordMovement = <TDocument extends BalancesDocument>(
  document: TDocument,
  recorded: RecordedEvent,
): TDocument => {
  const event = recorded as TouchpointEvent;
  const at = recorded.metadata.occurredAt;
  const base = {
    at,
    eventId: recorded.id,
    ...(recorded.metadata.actor === undefined ? {} : { actor: recorded.metadata.actor }),
    ...(recorded.metadata.causationId === undefined ? {} : { causationId: recorded.metadata.causationId }),
  };
  const { totals } = document;
  const add = (
    movement: Omit<Movement, 'at' | 'eventId' | 'actor' | 'causationId'>,
    patch: Partial<BalancesDocument>,
  ) => ({ ...document, ...patch, movements: [...document.movements, { ...base, ...movement }] }) as TDocument;
  switch (event.type) {
    case 'LoyaltyEnrolled':
      if (document.programId !== undefined) return document;
      return {
        ...document,
        programId: event.data.programId,
        enrolledAt: at,
        policy: event.data.negativeBalancePolicy,
        tier: { ...document.tier, current: event.data.tier, since: at },
      };
    case 'PointsEarned': {
      const d = event.data;
      const lots = { ...document.lots };
      setOwn(lots, d.earningId, {
        earningId: d.earningId,
        points: d.points,
        remaining: d.points - d.debtRecovered,
        availableAt: utc(d.availableAt),
        ...(d.expiresAt === undefined ? {} : { expiresAt: utc(d.expiresAt) }),
        expired: 0,
        reversed: 0,
        rule: d.rule,
        ...(d.cause.orderId === undefined ? {} : { orderId: d.cause.orderId }),
      });
      return add(
        {
          kind: 'earned',
          points: d.points,
          earningId: d.earningId,
          what: d.rule,
          parts: d.breakdown,
          cause: causeOf(d.cause),
          programVersion: d.programVersion,
        },
        {
          lots,
          totals: {
            ...totals,
            lifetimeEarned: totals.lifetimeEarned + d.points,
            debt: totals.debt - d.debtRecovered,
          },
        },
      );
    }
    case 'PointsRedeemed': {
      const d = event.data;
      return add(
        { kind: 'redeemed', points: -d.points, what: d.reward, parts: d.lots, cause: causeOf(d.cause) },
        {
          lots: changeLots(document.lots, d.lots, take),
          totals: { ...totals, redeemed: totals.redeemed + d.points },
        },
      );
    }
    case 'PointsExpired': {
      const d = event.data;
      return add(
        { kind: 'expired', points: -d.points, parts: d.lots, cause: causeOf(d.cause) },
        {
          lots: changeLots(document.lots, d.lots, (lot, points) => ({
            ...take(lot, points),
            expired: lot.expired + points,
          })),
          totals: { ...totals, expired: totals.expired + d.points },
        },
      );
    }
    case 'PointsReversed': {
      const d = event.data;
      const lots =
        d.earningId === undefined
          ? document.lots
          : changeLots(document.lots, [{ earningId: d.earningId, points: d.fromLot }], (lot, points) => ({
              ...take(lot, points),
              reversed: lot.reversed + d.points,
            }));
      const shortfall = d.points - d.fromLot;
      return add(
        {
          kind: 'reversed',
          points: -d.points,
          ...(d.earningId === undefined ? {} : { earningId: d.earningId }),
          ...(document.forgotten ? {} : { reason: d.reason }),
          cause: causeOf(d.cause),
        },
        {
          lots,
          totals: {
            ...totals,
            reversed: totals.reversed + d.points,
            debt: totals.debt + (d.shortfallAs === 'debt' ? shortfall : 0),
          },
          overdrawn: document.overdrawn + (d.shortfallAs === 'allow_negative' ? shortfall : 0),
        },
      );
    }
    case 'PointsAdjusted': {
      const d = event.data;
      let lots = changeLots(document.lots, d.lots, take);
      if (d.points > 0) {
        lots = { ...lots };
        setOwn(lots, d.adjustmentId, {
          earningId: d.adjustmentId,
          points: d.points,
          remaining: d.points,
          availableAt: utc(at),
          ...(d.expiresAt === undefined ? {} : { expiresAt: utc(d.expiresAt) }),
          expired: 0,
          reversed: 0,
          rule: 'adjustment',
        });
      }
      return add(
        {
          kind: 'adjusted',
          points: d.points,
          earningId: d.adjustmentId,
          what: d.adjustedBy,
          parts: d.lots,
          ...(document.forgotten ? {} : { reason: d.reason }),
          cause: causeOf(d.cause),
        },
        { lots, totals: { ...totals, adjusted: totals.adjusted + d.points } },
      );
    }
    case 'TierChanged': {
      const d = event.data;
      return add(
        {
          kind: 'tier',
          points: 0,
          what: d.to,
          ...(d.reason === undefined || document.forgotten ? {} : { reason: d.reason }),
          cause: causeOf(d.cause),
          programVersion: d.programVersion,
        },
        {
          tier: {
            ...document.tier,
            current: d.to,
            since: at,
            reasonKind: d.reasonKind,
            changedOn: d.basis.map((basis) => ({ kind: basis.kind, value: basis.value })),
          },
        },
      );
    }
    case 'CustomerForgotten':
      return {
        ...document,
        forgotten: true,
        movements: document.movements.map(({ reason: _, ...movement }) => movement),
      };
    default:
      return document;
  }
};
