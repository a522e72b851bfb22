import { parseProgram } from './parseProgram';

/**
 * A sample program for the CDNOW dataset (USD orders, January 1997 to June 1998, lines without prices): a point
 * per dollar of net spend; silver and gold tiers on qualifying spend over a rolling year, earning ×1.25 and ×1.5;
 * at most 1,000 points an order and 3,000 a month; points pending for a 30-day return window and expiring at the
 * end of the twelfth month after they unlock; reversals of spent points recorded as debt.
 */
// #region program
export const sampleProgram = parseProgram({
  id: 'cdnow-rewards',
  version: 1,
  name: 'CDNOW Rewards',
  effectiveFrom: '1997-01-01T00:00:00Z',
  currency: 'USD',
  earning: {
    base: { id: 'base', pointsPerUnit: 1 },
    multipliers: [
      { id: 'silver-earn', on: 'tier', match: 'silver', factor: 1.25 },
      { id: 'gold-earn', on: 'tier', match: 'gold', factor: 1.5 },
    ],
    bonuses: [
      { id: 'welcome', trigger: 'enrolment', points: 50 },
      { id: 'first-order', trigger: 'first_purchase', points: 100 },
      { id: 'birthday', trigger: 'birthday', points: 25 },
      { id: 'review', trigger: 'review_posted', points: 10 },
    ],
    caps: [
      { id: 'order-cap', per: 'order', points: 1000 },
      { id: 'month-cap', per: 'month', points: 3000 },
    ],
  },
  pending: { returnWindowDays: 30 },
  expiry: { kind: 'end_of_month', monthsAfter: 12 },
  tiers: {
    basis: 'qualifying_spend',
    window: { kind: 'rolling_days', days: 365 },
    requalifyAfterDays: 365,
    manual: 'floor',
    levels: [
      { id: 'member', name: 'Member', threshold: 0 },
      { id: 'silver', name: 'Silver', threshold: 10_000 },
      { id: 'gold', name: 'Gold', threshold: 50_000 },
    ],
  },
  rewards: [
    { id: 'voucher-5', name: '$5 voucher', cost: 500 },
    { id: 'voucher-10', name: '$10 voucher', cost: 900 },
  ],
  negativeBalance: 'debt',
});
// #endregion program
