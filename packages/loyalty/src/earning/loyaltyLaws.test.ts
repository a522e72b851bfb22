import { isRapportError, type TouchpointEvent } from '@rapport/core';
import { createInMemoryReadModelStore, createProjectionRunner, foldProjection } from '@rapport/projections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loyaltyWorld } from '../__fixtures__/loyaltyWorld';
import { balances } from '../account/balances';
import { evolveAccount, initialAccountState } from '../account/state';
import { balancesAsOf } from '../balances/balancesAsOf';
import { figuresAt } from '../balances/balancesDocument';
import type { BalancesState } from '../balances/balancesProjection';
import { type Program, type ProgramInput, parseProgram, sampleProgram } from '../program/index';
import { simulate } from '../simulate/simulate';
import type { MemberState } from './memberState';

const DAY = 86_400_000;
const T0 = Date.UTC(1997, 0, 5, 12);
const iso = (day: number) => new Date(T0 + day * DAY).toISOString();
const customers = ['ann', 'bob'];

/** What a customer or staff does, `gap` days after the previous step. */
type Step =
  | { kind: 'buy'; who: number; gap: number; dollars: number }
  | { kind: 'refund'; who: number; gap: number; order: number; share: number }
  | { kind: 'redeem'; who: number; gap: number; points: number }
  | { kind: 'adjust'; who: number; gap: number; points: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      who: fc.nat(1),
      gap: fc.nat(70),
      dollars: fc.integer({ min: 1, max: 900 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      who: fc.nat(1),
      gap: fc.nat(20),
      order: fc.nat(20),
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      who: fc.nat(1),
      gap: fc.nat(40),
      points: fc.integer({ min: 1, max: 800 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      who: fc.nat(1),
      gap: fc.nat(40),
      points: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0),
    }),
  },
);

const variant = (policy: Program['negativeBalance'], basis: 'qualifying_spend' | 'active_balance') => {
  const input = JSON.parse(JSON.stringify(sampleProgram)) as ProgramInput;
  const tiers =
    basis === 'qualifying_spend'
      ? input.tiers!
      : {
          ...input.tiers!,
          basis,
          window: { kind: 'since_last_change' as const },
          levels: [
            { id: 'member', name: 'Member', threshold: 0 },
            { id: 'silver', name: 'Silver', threshold: 300 },
            { id: 'gold', name: 'Gold', threshold: 900 },
          ],
        };
  return parseProgram({ ...input, negativeBalance: policy, tiers });
};

/**
 * Plays the steps live (the reactor and dispatcher settle after each): both customers enrol on day 0, orders are
 * numbered per customer, refunds and redemptions the account refuses (too few points, a fully refunded order) are
 * what a shop would see refused, and are skipped.
 */
const play = async (program: Program, steps: readonly Step[]) => {
  const world = loyaltyWorld({ programs: [program] });
  for (const customerId of customers) {
    await world.customer({ type: 'RegisterCustomer', data: { customerId, kind: 'customer' } }, iso(0));
    await world.account(
      {
        type: 'EnrolLoyalty',
        data: {
          customerId,
          programId: program.id,
          programVersion: 1,
          negativeBalancePolicy: program.negativeBalance,
        },
      },
      iso(0),
    );
  }
  const orders: { total: number; refunded: number }[][] = [[], []];
  let day = 0;
  let n = 0;
  for (const s of steps) {
    day += s.gap;
    n++;
    const customerId = customers[s.who]!;
    const at = new Date(T0 + day * DAY + n * 1000).toISOString();
    const mine = orders[s.who]!;
    try {
      if (s.kind === 'buy') {
        mine.push({ total: s.dollars * 100, refunded: 0 });
        await world.customer(
          {
            type: 'RecordPurchase',
            data: {
              customerId,
              orderId: `o${mine.length - 1}`,
              currency: 'USD',
              paymentMethod: 'card',
              total: s.dollars * 100,
              lines: [],
            },
          },
          at,
        );
      } else if (s.kind === 'refund') {
        const order = mine[s.order % Math.max(1, mine.length)];
        if (order === undefined) continue;
        const amount = Math.min(order.total - order.refunded, Math.ceil((order.total * s.share) / 100));
        if (amount <= 0) continue;
        order.refunded += amount;
        await world.customer(
          {
            type: 'RecordRefund',
            data: {
              customerId,
              orderId: `o${s.order % mine.length}`,
              refundId: `rf${n}`,
              kind: 'refund',
              amount,
              currency: 'USD',
              reason: 'other',
            },
          },
          at,
        );
      } else if (s.kind === 'redeem') {
        await world.account(
          {
            type: 'RedeemPoints',
            data: { customerId, redemptionId: `r${n}`, points: s.points, reward: 'voucher-5' },
          },
          at,
        );
      } else {
        await world.account(
          {
            type: 'AdjustPoints',
            data: {
              customerId,
              adjustmentId: `a${n}`,
              points: s.points,
              reason: 'goodwill',
              adjustedBy: 'staff-1',
            },
          },
          at,
        );
      }
    } catch (error) {
      if (!isRapportError(error, 'IllegalState')) throw error;
    }
    await world.settle(at);
  }
  const end = new Date(T0 + (day + 800) * DAY).toISOString();
  await world.settle(end);
  return { world, end };
};

const identity = (f: BalancesState['figures']) =>
  f.available + f.pending + f.redeemed + f.expired + f.reversed - f.adjusted - f.debt - f.lifetimeEarned;

const lawsFor = (policy: Program['negativeBalance'], basis: 'qualifying_spend' | 'active_balance') =>
  it(`hold on any history under the ${policy} policy, tiers on ${basis}`, async () => {
    const program = variant(policy, basis);
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 14 }),
        fc.array(fc.nat(2000), { maxLength: 6 }),
        async (steps, probes) => {
          const { world, end } = await play(program, steps);
          try {
            const log = (await world.store.readAll({ maxCount: 100_000 })).events;
            for (const customerId of customers) {
              const ledger = log.filter((event) => event.streamId === `loyalty-${customerId}`);
              // every moment: each recorded movement's time, and drawn times in between
              const moments = [
                ...ledger.map((event) => event.metadata.occurredAt),
                ...probes.map((day) => iso(day)),
                end,
              ];
              for (const moment of moments) {
                const doc = await balancesAsOf(world.store, world.balances, customerId, moment);
                if (doc === undefined) continue;
                const figures = figuresAt(doc, moment);
                expect(identity(figures)).toBe(0);
                if (policy === 'debt') expect(figures.available).toBeGreaterThanOrEqual(0);
                // the read model agrees with the account decider's own state then
                const state = ledger
                  .filter((event) => event.metadata.occurredAt <= moment)
                  .reduce(
                    (acc, event) => evolveAccount(acc, event as TouchpointEvent),
                    initialAccountState(),
                  );
                const { tier: _, ...account } = balances(state, moment);
                expect(figures).toEqual(account);
              }
              // no lot expires twice, nor beyond what it had left
              const expiredLots = ledger
                .filter((event) => event.type === 'PointsExpired')
                .flatMap((event) =>
                  (event.data as { lots: { earningId: string }[] }).lots.map((lot) => lot.earningId),
                );
              expect(new Set(expiredLots).size).toBe(expiredLots.length);
              const live = (await world.balancesOf(customerId))!;
              for (const lot of Object.values(live.lots)) {
                expect(lot.remaining).toBeGreaterThanOrEqual(0);
                expect(lot.expired + lot.remaining).toBeLessThanOrEqual(lot.points);
              }
              // the earning reactor's mirror of the lots is the account's own
              const mirror = (await world.readModels.get(
                'loyalty-earning_v1',
                customerId,
              )) as unknown as MemberState;
              const state = ledger.reduce(
                (acc, event) => evolveAccount(acc, event as TouchpointEvent),
                initialAccountState(),
              );
              expect(
                Object.fromEntries(Object.entries(mirror.lots).map(([id, lot]) => [id, lot[0]])),
              ).toEqual(Object.fromEntries([...state.lots].map(([id, lot]) => [id, lot.remaining])));
              expect([mirror.debt, mirror.overdrawn, mirror.tier]).toEqual([
                state.debt,
                state.overdrawn,
                state.tier,
              ]);
              // replay equals live: the whole log folded again gives the live document
              const replayed = foldProjection(world.balances, log, { until: end }).documents.get(customerId);
              expect(replayed).toEqual(live);
            }
            // any batch split gives the same read model
            const split = createInMemoryReadModelStore();
            const runner = createProjectionRunner({
              projection: world.balances,
              eventStore: world.store,
              readModels: split,
              clock: world.clock,
              batchSize: 1 + (steps.length % 4),
              tickIntervalMs: 0,
            });
            runner.start();
            await runner.waitForPosition(await world.store.headPosition());
            await runner.tick();
            await runner.stop();
            for (const customerId of customers)
              expect(await split.get('loyalty-balances_v1', customerId)).toEqual(
                await world.balancesOf(customerId),
              );
            // a rebuild of the reactor derives exactly the effects live committed: none new, none missing
            const again = foldProjection(world.reactor, log, { until: end }).effects.map(
              (effect) => effect.id,
            );
            const live = (await world.readModels.outbox.list({ limit: 100_000 })).entries.map((e) => e.id);
            expect(new Set(again)).toEqual(new Set(live));
            // the current program as a candidate changes nothing, and each side is the live ledger
            const report = await simulate([program], world.store, { current: [program], to: end });
            expect(report.customers.filter((c) => c.changed)).toEqual([]);
            for (const c of report.customers) {
              const { tier, available, pending, debt } = await world.loyalty.balances(c.customerId, end);
              expect(c.current).toMatchObject({ tier, available, pending, debt });
            }
          } finally {
            await world.stop();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

describe('loyalty laws over generated histories, played live', () => {
  lawsFor('debt', 'qualifying_spend');
  lawsFor('allow_negative', 'qualifying_spend');
  lawsFor('debt', 'active_balance');
});
