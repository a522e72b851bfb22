import type { TouchpointData } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableAt, expiresAt } from './availability';
import { earnForPurchase } from './earnForPurchase';
import { bonusTriggerSchema } from './earningSchema';
import { evaluateTier } from './evaluateTier';
import { netSpend } from './netSpend';
import { parseProgram } from './parseProgram';
import { pointsToReverse } from './pointsToReverse';
import type { Program, ProgramInput } from './programSchema';
import { isWithin } from './time';

type Purchase = TouchpointData<'PurchaseCompleted'>;

// long properties: explicit runs, and a timeout that holds on a loaded 2-core machine
const runs = { numRuns: 300 };
const timeout = 60_000;

const from = Date.UTC(1995, 0, 1);
const until = Date.UTC(2032, 0, 1);
const epoch = fc.integer({ min: from, max: until });
const instant = epoch.map((ms) => new Date(ms).toISOString());
const skus = ['a', 'b', 'cd-1'];
const categories = ['music', 'books'];
const currencies = ['USD', 'EUR', 'JPY', 'KWD'];

/** An optional `[validFrom, validUntil)` window with ordered ends. */
const validity = fc
  .record({ a: epoch, b: epoch, shape: fc.constantFrom('none', 'from', 'until', 'both') })
  .map(({ a, b, shape }) => {
    const [lo, hi] = a < b ? [a, b] : [b, a + 1];
    const iso = (ms: number) => new Date(ms).toISOString();
    if (shape === 'from') return { validFrom: iso(lo) };
    if (shape === 'until') return { validUntil: iso(hi) };
    if (shape === 'both') return { validFrom: iso(lo), validUntil: iso(hi) };
    return {};
  });
const decimal = (max: number) => fc.integer({ min: 1, max: max * 10_000 }).map((n) => n / 10_000);

const tiersArb = fc.integer({ min: 1, max: 4 }).chain((count) =>
  fc.record({
    basis: fc.constantFrom('points_earned', 'qualifying_spend', 'active_balance'),
    window: fc.oneof(
      fc.record({ kind: fc.constant('rolling_days'), days: fc.integer({ min: 1, max: 3650 }) }),
      fc.constant({ kind: 'since_last_change' }),
    ),
    requalifyAfterDays: fc.integer({ min: 1, max: 3650 }),
    manual: fc.constantFrom('floor', 'one_off'),
    levels: fc
      .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: count - 1, maxLength: count - 1 })
      .map((thresholds) =>
        [0, ...thresholds.sort((x, y) => x - y)].map((threshold, i) => ({
          id: `t${i}`,
          name: `Tier ${i}`,
          threshold,
        })),
      ),
  }),
);

/** Any valid program as JSON: ids unique by construction, tier multipliers naming existing tiers. */
const programArb: fc.Arbitrary<ProgramInput> = fc
  .record({
    tiers: fc.option(tiersArb, { nil: undefined }),
    effective: validity,
    version: fc.integer({ min: 1, max: 100 }),
    currency: fc.constantFrom(...currencies),
    base: fc.record({ pointsPerUnit: decimal(50), window: validity }),
    multipliers: fc.array(
      fc.record({
        on: fc.constantFrom('sku', 'category', 'tier'),
        pick: fc.nat(10),
        factor: decimal(10),
        window: validity,
      }),
      { maxLength: 6 },
    ),
    bonuses: fc.array(
      fc.record({
        trigger: fc.constantFrom(...bonusTriggerSchema.options),
        points: fc.integer({ min: 1, max: 1000 }),
        window: validity,
      }),
      { maxLength: 4 },
    ),
    caps: fc.array(
      fc.record({
        per: fc.constantFrom('order', 'day', 'month', 'year'),
        points: fc.integer({ min: 1, max: 5000 }),
        window: validity,
      }),
      { maxLength: 4 },
    ),
    returnWindowDays: fc.integer({ min: 0, max: 365 }),
    expiry: fc.oneof(
      fc.constant({ kind: 'never' as const }),
      fc.record({ kind: fc.constant('after_days' as const), days: fc.integer({ min: 1, max: 36_500 }) }),
      fc.record({
        kind: fc.constant('end_of_month' as const),
        monthsAfter: fc.integer({ min: 0, max: 1200 }),
      }),
      fc.record({ kind: fc.constant('end_of_year' as const), yearsAfter: fc.integer({ min: 0, max: 100 }) }),
    ),
    rewards: fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 3 }),
    negativeBalance: fc.constantFrom('allow_negative', 'debt'),
  })
  .map((g): ProgramInput => {
    const tierIds = g.tiers?.levels.map((level) => level.id) ?? [];
    const multipliers = g.multipliers
      .filter((m) => m.on !== 'tier' || tierIds.length > 0)
      .map((m, i) => {
        const pool = m.on === 'sku' ? skus : m.on === 'category' ? categories : tierIds;
        return { id: `m${i}`, on: m.on, match: pool[m.pick % pool.length]!, factor: m.factor, ...m.window };
      });
    const { validFrom, validUntil } = g.effective as { validFrom?: string; validUntil?: string };
    return {
      id: 'p',
      version: g.version,
      effectiveFrom: validFrom ?? new Date(from).toISOString(),
      ...(validUntil === undefined ? {} : { effectiveUntil: validUntil }),
      currency: g.currency,
      earning: {
        base: { id: 'base', pointsPerUnit: g.base.pointsPerUnit, ...g.base.window },
        multipliers,
        bonuses: g.bonuses.map((b, i) => ({
          id: `b${i}`,
          trigger: b.trigger,
          points: b.points,
          ...b.window,
        })),
        caps: g.caps.map((c, i) => ({ id: `c${i}`, per: c.per, points: c.points, ...c.window })),
      },
      pending: { returnWindowDays: g.returnWindowDays },
      expiry: g.expiry,
      ...(g.tiers === undefined ? {} : { tiers: g.tiers as NonNullable<ProgramInput['tiers']> }),
      rewards: g.rewards.map((cost, i) => ({ id: `r${i}`, name: `Reward ${i}`, cost })),
      negativeBalance: g.negativeBalance,
    };
  });
const parsedArb: fc.Arbitrary<Program> = programArb.map(parseProgram);

const lineFields = {
  sku: fc.constantFrom(...skus),
  category: fc.constantFrom(...categories),
  quantity: fc.integer({ min: 1, max: 5 }),
  unitPrice: fc.integer({ min: 0, max: 100_000 }),
};
const pricedLineArb = fc.record(lineFields);
const lineArb = fc.record(lineFields, { requiredKeys: ['sku', 'quantity'] });
const purchaseArb = (): fc.Arbitrary<Purchase> =>
  fc
    .record({
      lines: fc.array(lineArb, { maxLength: 6 }),
      discount: fc.integer({ min: 0, max: 50_000 }),
      tax: fc.integer({ min: 0, max: 5000 }),
      shipping: fc.integer({ min: 0, max: 2000 }),
      total: fc.integer({ min: 0, max: 500_000 }),
      currency: fc.constantFrom(...currencies),
    })
    .map((g) => ({ orderId: 'o1', paymentMethod: 'card' as const, ...g }));
const earnedArb = fc.record(
  { day: fc.nat(6000), month: fc.nat(6000), year: fc.nat(6000) },
  { requiredKeys: [] },
);
const contextArb = (program: Program) =>
  fc.record(
    {
      at: instant,
      tier: fc.constantFrom(...(program.tiers?.levels.map((level) => level.id) ?? ['none'])),
      earnedInPeriod: earnedArb,
      firstPurchase: fc.boolean(),
    },
    { requiredKeys: ['at'] },
  );

describe('given any program', () => {
  it(
    'its JSON round-trips: parseProgram(JSON.parse(JSON.stringify(p))) equals p',
    () => {
      fc.assert(
        fc.property(parsedArb, (p) => {
          expect(parseProgram(JSON.parse(JSON.stringify(p)))).toEqual(p);
        }),
        runs,
      );
    },
    timeout,
  );

  it(
    'availableAt and expiresAt are never before their inputs',
    () => {
      fc.assert(
        fc.property(parsedArb, epoch, (p, ms) => {
          const at = new Date(ms).toISOString();
          expect(Date.parse(availableAt(p, at))).toBeGreaterThanOrEqual(ms);
          const expiry = expiresAt(p, at);
          if (expiry !== undefined) expect(Date.parse(expiry)).toBeGreaterThan(ms);
        }),
        runs,
      );
    },
    timeout,
  );
});

describe('given any program, purchase and member context', () => {
  it(
    'spend points never exceed a cap in force, and the components sum to the points',
    () => {
      fc.assert(
        fc.property(
          parsedArb.chain((p) => fc.tuple(fc.constant(p), purchaseArb(), contextArb(p))),
          ([p, purchase, context]) => {
            const result = earnForPurchase(p, { ...purchase, currency: p.currency }, context);
            expect(result.components.reduce((sum, c) => sum + c.points, 0)).toBe(result.points);
            const ms = Date.parse(context.at);
            for (const cap of p.earning.caps) {
              if (!isWithin(ms, cap)) continue;
              const already = cap.per === 'order' ? 0 : (context.earnedInPeriod?.[cap.per] ?? 0);
              expect(result.spendPoints).toBeLessThanOrEqual(Math.max(0, cap.points - already));
            }
          },
        ),
        runs,
      );
    },
    timeout,
  );

  it(
    'points are monotone in spend: a priced line added or a price raised, or a higher total, never earns fewer',
    () => {
      fc.assert(
        fc.property(
          parsedArb.chain((p) =>
            fc.tuple(
              fc.constant(p),
              fc.array(pricedLineArb, { maxLength: 6 }),
              contextArb(p),
              pricedLineArb,
              fc.nat(100_000),
            ),
          ),
          ([p, lines, context, extra, raise]) => {
            const points = (part: Purchase['lines'], total = 0) =>
              earnForPurchase(
                p,
                { orderId: 'o', lines: part, total, currency: p.currency, paymentMethod: 'card' },
                context,
              ).points;
            // priced lines: the net is the sum of the line prices
            const before = points(lines);
            expect(points([...lines, extra])).toBeGreaterThanOrEqual(before);
            const [first, ...rest] = lines;
            if (first !== undefined)
              expect(
                points([{ ...first, unitPrice: first.unitPrice + raise }, ...rest]),
              ).toBeGreaterThanOrEqual(before);
            // lines without prices (or none): the net is the total, so a higher total never earns fewer
            const unpriced = lines.map(({ unitPrice: _, ...line }) => line);
            expect(points(unpriced, extra.unitPrice + raise)).toBeGreaterThanOrEqual(
              points(unpriced, extra.unitPrice),
            );
          },
        ),
        runs,
      );
    },
    timeout,
  );

  it(
    'splitting an order into two orders never earns more than the whole (without order caps)',
    () => {
      fc.assert(
        fc.property(
          parsedArb.chain((p) =>
            fc.tuple(
              fc.constant(p),
              fc.array(pricedLineArb, { minLength: 1, maxLength: 6 }),
              contextArb(p),
              fc.nat(6),
            ),
          ),
          ([p, lines, context, cut]) => {
            const capless = { ...p, earning: { ...p.earning, caps: [] } };
            const order = (part: typeof lines): Purchase => ({
              orderId: 'o',
              lines: part,
              total: part.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
              currency: p.currency,
              paymentMethod: 'card',
            });
            const spend = (part: typeof lines) => earnForPurchase(capless, order(part), context).spendPoints;
            const at = cut % (lines.length + 1);
            expect(spend(lines.slice(0, at)) + spend(lines.slice(at))).toBeLessThanOrEqual(spend(lines));
          },
        ),
        runs,
      );
    },
    timeout,
  );
});

describe('given any purchase', () => {
  it(
    'the per-line nets sum to the order net exactly, and none is negative',
    () => {
      fc.assert(
        fc.property(purchaseArb(), (purchase) => {
          const spend = netSpend(purchase);
          expect(spend.lines.reduce((sum, line) => sum + line.net, 0)).toBe(spend.net);
          for (const line of spend.lines) expect(line.net).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 1000 },
      );
    },
    timeout,
  );
});

describe('given any earned points and any split of a full refund into parts', () => {
  it(
    'the parts reverse exactly the earned points, and no prefix reverses more',
    () => {
      fc.assert(
        fc.property(
          fc.nat(1_000_000),
          fc.integer({ min: 1, max: 10_000_000 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          fc.nat(5_000_000),
          (earned, net, cuts, extra) => {
            const marks = [...new Set(cuts.map((c) => c % (net + 1)))].sort((a, b) => a - b);
            const parts = [...marks, net].map((mark, i) => mark - (i === 0 ? 0 : marks[i - 1]!));
            let refunded = 0;
            let reversed = 0;
            for (const part of [...parts, extra]) {
              reversed += pointsToReverse(earned, net, refunded, part);
              refunded += part;
              expect(reversed).toBeLessThanOrEqual(earned);
            }
            expect(reversed).toBe(earned);
          },
        ),
        { numRuns: 1000 },
      );
    },
    timeout,
  );
});

describe('given any tiered program and member', () => {
  it(
    'a decision never downgrades before requalifyAt, nor below a manual floor',
    () => {
      const tiered = programArb
        .filter((p) => p.tiers !== undefined)
        .map(parseProgram)
        .chain((p) => {
          const ids = p.tiers!.levels.map((level) => level.id);
          return fc.tuple(
            fc.constant(p),
            fc.record(
              {
                current: fc.constantFrom(...ids),
                manual: fc.constantFrom(...ids),
                basisValue: fc.integer({ min: -1000, max: 2_000_000 }),
                lastChangeAt: instant,
                requalifyAt: instant,
                now: instant,
              },
              { requiredKeys: ['current', 'basisValue', 'lastChangeAt', 'requalifyAt', 'now'] },
            ),
          );
        });
      fc.assert(
        fc.property(tiered, ([p, state]) => {
          const decision = evaluateTier(p, state);
          const rank = (id: string) => p.tiers!.levels.findIndex((level) => level.id === id);
          if (decision.kind === 'downgrade')
            expect(Date.parse(state.now)).toBeGreaterThanOrEqual(Date.parse(state.requalifyAt));
          if (Date.parse(state.now) < Date.parse(state.requalifyAt))
            expect(rank(decision.to)).toBeGreaterThanOrEqual(rank(state.current));
          if (state.manual !== undefined && p.tiers!.manual === 'floor')
            expect(rank(decision.to)).toBeGreaterThanOrEqual(rank(state.manual));
          expect(Date.parse(decision.nextReviewAt)).toBeGreaterThan(Date.parse(state.now));
        }),
        runs,
      );
    },
    timeout,
  );
});
