import type { TouchpointData } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { type EarnContext, type Earning, earnForPurchase } from './earnForPurchase';
import { parseProgram } from './parseProgram';
import type { ProgramInput } from './programSchema';
import { sampleProgram } from './sampleProgram';

type Purchase = TouchpointData<'PurchaseCompleted'>;
type Line = Purchase['lines'][number];

const program = (earning: Partial<ProgramInput['earning']> = {}, over: Partial<ProgramInput> = {}) =>
  parseProgram({
    ...sampleProgram,
    earning: {
      base: { id: 'base', pointsPerUnit: 1 },
      multipliers: [
        { id: 'silver-earn', on: 'tier', match: 'silver', factor: 1.25 },
        { id: 'gold-earn', on: 'tier', match: 'gold', factor: 1.5 },
      ],
      bonuses: [{ id: 'first-order', trigger: 'first_purchase', points: 100 }],
      ...earning,
    },
    ...over,
  });

const line = (sku: string, unitPrice: number, category?: string): Line =>
  category === undefined ? { sku, quantity: 1, unitPrice } : { sku, category, quantity: 1, unitPrice };
const order = (lines: Line[], over: Partial<Purchase> = {}): Purchase => ({
  orderId: 'o1',
  lines,
  total: lines.reduce((sum, l) => sum + l.quantity * (l.unitPrice ?? 0), 0),
  currency: 'USD',
  paymentMethod: 'card',
  ...over,
});
const june = '1997-06-15T12:00:00Z';

/** Earns, and checks the law every result keeps: its components sum to its points. */
const earn = (
  p: ReturnType<typeof program>,
  purchase: Purchase,
  context: Partial<EarnContext> = {},
): Earning => {
  const result = earnForPurchase(p, purchase, { at: june, ...context });
  expect(result.components.reduce((sum, c) => sum + c.points, 0)).toBe(result.points);
  return result;
};
const pointsBy = (result: Earning) => result.components.map((c) => [c.ruleId, c.points]);

describe('given the base rule of a point per dollar', () => {
  it('when a member spends $10.99, then they earn 10 points from the base rule, version named', () => {
    const result = earn(program(), order([line('x', 1099)]));
    expect(result).toMatchObject({
      programId: 'cdnow-rewards',
      version: 1,
      points: 10,
      net: 1099,
      reason: 'earned',
    });
    expect(result.components).toEqual([
      { ruleId: 'base', kind: 'base', points: 10, basis: { net: 1099, pointsPerUnit: 1 } },
    ]);
  });

  it('when two lines of 50 cents are bought, then the order floors once and earns 1 point, not 0 + 0', () => {
    expect(earn(program(), order([line('a', 50), line('b', 50)])).points).toBe(1);
  });

  it('when the order nets to nothing, then it earns nothing and says so', () => {
    expect(earn(program(), order([line('a', 500)], { discount: 500 }))).toMatchObject({
      points: 0,
      reason: 'no_net_spend',
    });
  });

  it('when the program is in yen (no minor unit), then 1,000 yen at 0.01 a yen earn 10 points', () => {
    const yen = program({ base: { id: 'base', pointsPerUnit: 0.01 } }, { currency: 'JPY' });
    expect(earn(yen, order([line('a', 1000)], { currency: 'JPY' })).points).toBe(10);
  });
});

describe('given product multipliers', () => {
  const multipliers = [
    { id: 'music', on: 'category', match: 'music', factor: 2 },
    { id: 'cd-1', on: 'sku', match: 'cd-1', factor: 3 },
    { id: 'music-promo', on: 'category', match: 'music', factor: 1.5 },
    { id: 'music-equal', on: 'category', match: 'music', factor: 2 },
  ] as const;

  it('when a line matches a SKU rule and a category rule, then only the SKU rule applies', () => {
    const result = earn(program({ multipliers: [...multipliers] }), order([line('cd-1', 1000, 'music')]));
    expect(pointsBy(result)).toEqual([
      ['base', 10],
      ['cd-1', 20],
    ]);
    expect(result.components[1]).toMatchObject({
      kind: 'sku_multiplier',
      basis: { lines: [0], net: 1000, factor: 3 },
    });
  });

  it('when several category rules match, then the highest factor applies, and of equal factors the first', () => {
    const result = earn(program({ multipliers: [...multipliers] }), order([line('cd-2', 1000, 'music')]));
    expect(pointsBy(result)).toEqual([
      ['base', 10],
      ['music', 10],
    ]);
  });

  it('when a SKU rule has a lower factor than the category rule, then the SKU rule still wins', () => {
    const cheap = [
      { id: 'music', on: 'category', match: 'music', factor: 2 },
      { id: 'clearance', on: 'sku', match: 'cd-9', factor: 0.5 },
    ] as const;
    expect(
      pointsBy(earn(program({ multipliers: [...cheap] }), order([line('cd-9', 1000, 'music')]))),
    ).toEqual([
      ['base', 10],
      ['clearance', -5],
    ]);
  });

  it('when a rule is valid from June, then a May purchase does not get it, one at its validFrom does', () => {
    const dated = [
      {
        id: 'june',
        on: 'category',
        match: 'music',
        factor: 2,
        validFrom: '1997-06-01T00:00:00Z',
        validUntil: '1997-07-01T00:00:00Z',
      },
    ] as const;
    const p = program({ multipliers: [...dated] });
    const purchase = order([line('cd-2', 1000, 'music')]);
    expect(earn(p, purchase, { at: '1997-05-31T23:59:59Z' }).points).toBe(10);
    expect(earn(p, purchase, { at: '1997-06-01T00:00:00Z' }).points).toBe(20);
    expect(earn(p, purchase, { at: '1997-07-01T00:00:00Z' }).points).toBe(10);
  });
});

describe('given tier multipliers', () => {
  const withTiers = () =>
    program({
      multipliers: [
        { id: 'music', on: 'category', match: 'music', factor: 2 },
        { id: 'silver-earn', on: 'tier', match: 'silver', factor: 1.25 },
      ],
    });

  it('when a silver member buys, then ×1.25 applies to the whole order after product multipliers, floored once', () => {
    const result = earn(withTiers(), order([line('cd', 1000, 'music'), line('x', 1000)]), { tier: 'silver' });
    expect(pointsBy(result)).toEqual([
      ['base', 20],
      ['music', 10],
      ['silver-earn', 7],
    ]);
    expect(result.points).toBe(37);
  });

  it('when the member has no tier or one without a multiplier, then no tier multiplier applies', () => {
    expect(earn(withTiers(), order([line('x', 1000)]), { tier: 'member' }).points).toBe(10);
    expect(earn(withTiers(), order([line('x', 1000)])).points).toBe(10);
  });
});

describe('given caps', () => {
  const caps = [
    { id: 'order-cap', per: 'order', points: 25 },
    { id: 'day-cap', per: 'day', points: 40 },
    { id: 'month-cap', per: 'month', points: 100 },
  ] as const;

  it('when an order earns 30 points under a cap of 25 an order, then it earns 25 and the cap says it took 5', () => {
    const result = earn(program({ caps: [...caps] }), order([line('x', 3000)]));
    expect(result.points).toBe(25);
    expect(result.components.at(-1)).toEqual({
      ruleId: 'order-cap',
      kind: 'cap',
      points: -5,
      basis: { per: 'order', limit: 25, remaining: 25 },
    });
    expect(result.capped).toEqual({ before: 30, after: 25, rules: ['order-cap'] });
  });

  it('when 90 points were earned this month under a monthly cap of 100, then the order earns 10', () => {
    const result = earn(program({ caps: [...caps] }), order([line('x', 2000)]), {
      earnedInPeriod: { month: 90 },
    });
    expect(result.points).toBe(10);
    expect(result.capped?.rules).toEqual(['month-cap']);
  });

  it('when the order cap and then the day cap bind, then both cuts are named in that order', () => {
    const result = earn(program({ caps: [...caps] }), order([line('x', 3000)]), {
      earnedInPeriod: { day: 30 },
    });
    expect(pointsBy(result).slice(1)).toEqual([
      ['order-cap', -5],
      ['day-cap', -15],
    ]);
    expect(result.spendPoints).toBe(10);
  });

  it('when the period is used up, then spend earns 0 but the first-purchase bonus is still added, uncapped', () => {
    const result = earn(program({ caps: [...caps] }), order([line('x', 3000)]), {
      earnedInPeriod: { month: 100 },
      firstPurchase: true,
    });
    expect(result).toMatchObject({ points: 100, spendPoints: 0 });
    expect(result.components.at(-1)).toEqual({
      ruleId: 'first-order',
      kind: 'bonus',
      points: 100,
      basis: { trigger: 'first_purchase' },
    });
  });
});

describe('given every kind of rule at once', () => {
  it('when a gold member makes a first purchase, then components follow the order of application', () => {
    const p = program({
      multipliers: [
        { id: 'music', on: 'category', match: 'music', factor: 2 },
        { id: 'cd-1', on: 'sku', match: 'cd-1', factor: 3 },
        { id: 'gold-earn', on: 'tier', match: 'gold', factor: 1.5 },
      ],
      caps: [{ id: 'order-cap', per: 'order', points: 100 }],
    });
    const purchase = order([line('cd-1', 2000, 'music'), line('cd-2', 3000, 'music'), line('x', 1000)]);
    const result = earn(p, purchase, { tier: 'gold', firstPurchase: true });
    // base 60; cd-1 +40 (×3 on $20); music +30 (×2 on $30); gold ×1.5 on 130 = 195; cap 100; bonus 100
    expect(result.components.map((c) => [c.kind, c.ruleId, c.points])).toEqual([
      ['base', 'base', 60],
      ['category_multiplier', 'music', 30],
      ['sku_multiplier', 'cd-1', 40],
      ['tier_multiplier', 'gold-earn', 65],
      ['cap', 'order-cap', -95],
      ['bonus', 'first-order', 100],
    ]);
    expect(result).toMatchObject({ points: 200, spendPoints: 100, capped: { before: 195, after: 100 } });
  });
});

describe('given a purchase the program does not cover', () => {
  const p = program({}, { effectiveFrom: '1997-01-01T00:00:00Z', effectiveUntil: '1998-01-01T00:00:00Z' });
  const purchase = order([line('x', 1000)]);

  it('when it happens before effectiveFrom or from effectiveUntil on, then nothing is earned, not even a bonus', () => {
    for (const at of ['1996-12-31T23:59:59Z', '1998-01-01T00:00:00Z'])
      expect(earn(p, purchase, { at, firstPurchase: true })).toMatchObject({
        points: 0,
        components: [],
        reason: 'program_not_in_force',
      });
  });

  it('when it is in another currency, then nothing is earned and the reason says why', () => {
    expect(earn(p, order([line('x', 1000)], { currency: 'EUR' }), { firstPurchase: true })).toMatchObject({
      points: 0,
      reason: 'currency_mismatch',
    });
  });

  it('when the base rule has ended, then spend earns nothing but the bonus stands', () => {
    const ended = program({ base: { id: 'base', pointsPerUnit: 1, validUntil: '1997-03-01T00:00:00Z' } });
    expect(earn(ended, purchase, { firstPurchase: true })).toMatchObject({
      points: 100,
      spendPoints: 0,
      reason: 'base_rule_inactive',
    });
  });
});

describe('given the sample program and a CDNOW order (lines without prices)', () => {
  it('when a member buys 2 CDs for $25.99, then they earn 25 points', () => {
    const purchase = order([{ sku: 'cd', category: 'music', quantity: 2 }], { total: 2599 });
    expect(earn(sampleProgram, purchase).points).toBe(25);
  });
});
