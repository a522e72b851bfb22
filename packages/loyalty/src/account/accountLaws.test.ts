import { foldEvents, isRapportError, parseAs, type TouchpointEvent } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountDecider } from './accountDecider';
import { balances } from './balances';
import { type AccountCommand, accountCommandSchema } from './commands';
import type { AccountState } from './state';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const iso = (day: number) => new Date(T0 + day * DAY).toISOString();
const customerId = 'c1';
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

/** One drawn step: a command and the day it happens on (steps are sorted by day). */
const command = (policy: fc.Arbitrary<'allow_negative' | 'debt'>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.record({
      type: fc.constant('EarnPoints'),
      data: fc
        .record({
          earningId: fc.constantFrom(...ids),
          points: fc.integer({ min: 1, max: 200 }),
          pendingDays: fc.integer({ min: 0, max: 40 }),
          lifeDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
        })
        .map(({ pendingDays, lifeDays, ...d }) => ({ ...d, pendingDays, lifeDays })),
    }),
    fc.record({
      type: fc.constant('RedeemPoints'),
      data: fc.record({ redemptionId: fc.constantFrom(...ids), points: fc.integer({ min: 1, max: 300 }) }),
    }),
    fc.record({
      type: fc.constant('ReversePoints'),
      data: fc.record({
        refundId: fc.constantFrom(...ids),
        earningId: fc.constantFrom(...ids),
        points: fc.integer({ min: 1, max: 200 }),
        policy: fc.option(policy, { nil: undefined }),
      }),
    }),
    fc.record({
      type: fc.constant('AdjustPoints'),
      data: fc.record({
        adjustmentId: fc.constantFrom('x', 'y', 'z'),
        points: fc.integer({ min: -100, max: 100 }).filter((n) => n !== 0),
      }),
    }),
    fc.constant({ type: 'ExpirePoints', data: {} }),
  );

/** The drawn step as a command at its day: earning dates are relative to the day the earning happens. */
const build = (step: { type: string; data: Record<string, unknown> }, day: number): unknown => {
  const { pendingDays, lifeDays, ...data } = step.data as Record<string, number | string | undefined>;
  const extra: Record<string, unknown> = { customerId };
  if (step.type === 'EarnPoints') {
    const unlock = day + Number(pendingDays);
    Object.assign(extra, {
      rule: 'purchase',
      breakdown: [{ rule: 'purchase', points: data.points }],
      availableAt: iso(unlock),
      ...(lifeDays === undefined ? {} : { expiresAt: iso(unlock + Number(lifeDays)) }),
      programVersion: 1,
    });
  }
  if (step.type === 'RedeemPoints') extra.reward = 'mug';
  if (step.type === 'ReversePoints') extra.reason = 'returned';
  if (step.type === 'AdjustPoints') Object.assign(extra, { reason: 'correction', adjustedBy: 'agent-7' });
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  return { type: step.type, data: { ...clean, ...extra } };
};

const histories = fc
  .record({
    policy: fc.constantFrom('allow_negative' as const, 'debt' as const),
    steps: fc.array(
      fc.tuple(
        command(fc.constantFrom('allow_negative' as const, 'debt' as const)),
        fc.integer({ min: 0, max: 200 }),
      ),
      {
        maxLength: 40,
      },
    ),
  })
  .map(({ policy, steps }) => {
    const enrol = parseAs(
      accountCommandSchema,
      {
        type: 'EnrolLoyalty',
        data: { customerId, programId: 'stars', programVersion: 1, negativeBalancePolicy: policy },
      },
      'command',
    ) as AccountCommand;
    const sorted = [...steps].sort((a, b) => a[1] - b[1]);
    const commands = [
      { command: enrol, day: 0 },
      ...sorted.map(([step, day]) => ({
        command: parseAs(accountCommandSchema, build(step as never, day), 'command') as AccountCommand,
        day,
      })),
    ];
    return { policy, commands };
  });

/** Decides each command at its day, keeping the accepted events (with their time) and the states after each. */
const run = (commands: readonly { command: AccountCommand; day: number }[]) => {
  let state: AccountState = accountDecider.initialState();
  const events: TouchpointEvent[] = [];
  const states: { state: AccountState; day: number }[] = [];
  for (const { command, day } of commands) {
    let decided: readonly TouchpointEvent[] = [];
    try {
      decided = accountDecider.decide(command, state, { occurredAt: iso(day) });
    } catch (error) {
      if (!isRapportError(error)) throw error;
    }
    for (const event of decided) {
      const recorded = { ...event, metadata: { occurredAt: iso(day) } } as unknown as TouchpointEvent;
      state = accountDecider.evolve(state, recorded);
      events.push(recorded);
    }
    states.push({ state, day });
  }
  return { state, events, states };
};

const sumLots = (state: AccountState) =>
  [...state.lots.values()].reduce((sum, lot) => sum + lot.remaining, 0);
const RUNS = { numRuns: 300 };
const TIMEOUT = 60_000;

describe('given any history of loyalty commands at their times', () => {
  it(
    'available + pending + redeemed + expired + reversed − adjusted − debt = lifetime earned, at every moment and any time',
    () => {
      fc.assert(
        fc.property(histories, fc.integer({ min: -10, max: 400 }), ({ commands }, probe) => {
          for (const { state, day } of run(commands).states) {
            for (const at of [day, day + probe]) {
              const b = balances(state, iso(at));
              expect(
                b.available + b.pending + b.redeemed + b.expired + b.reversed - b.adjusted - b.debt,
              ).toBe(b.lifetimeEarned);
            }
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'available is never negative unless the policy allows it, and the lot remainders are available + pending + overdrawn',
    () => {
      fc.assert(
        fc.property(histories, ({ commands }) => {
          for (const { state, day } of run(commands).states) {
            const b = balances(state, iso(day));
            if (state.overdrawn === 0) expect(b.available).toBeGreaterThanOrEqual(0);
            if (
              state.policy === 'debt' &&
              !commands.some((c) => 'policy' in c.command.data && c.command.data.policy === 'allow_negative')
            ) {
              expect(state.overdrawn).toBe(0);
            }
            // lapsed remainders are in `expired` until an event records them
            const lapsed = b.expired - state.expired;
            expect(sumLots(state)).toBe(b.available + b.pending + state.overdrawn + lapsed);
            for (const lot of state.lots.values()) expect(lot.remaining).toBeGreaterThanOrEqual(0);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'no lot expires twice, nor before its date, nor beyond what it had left',
    () => {
      fc.assert(
        fc.property(histories, ({ commands }) => {
          const { events, state } = run(commands);
          const expiredOf = new Map<string, number>();
          for (const event of events) {
            if (event.type !== 'PointsExpired') continue;
            const at = Date.parse(
              (event as unknown as { metadata: { occurredAt: string } }).metadata.occurredAt,
            );
            for (const share of event.data.lots) {
              expect(expiredOf.has(share.earningId), `${share.earningId} expired twice`).toBe(false);
              expiredOf.set(share.earningId, share.points);
              const lot = state.lots.get(share.earningId)!;
              expect(lot.expiresAt).toBeLessThanOrEqual(at);
            }
          }
          for (const lot of state.lots.values()) {
            expect(lot.expired).toBe(expiredOf.get(lot.earningId) ?? 0);
            expect(lot.expired).toBeLessThanOrEqual(lot.points);
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'folding the events in any batch split gives the same state',
    () => {
      fc.assert(
        fc.property(histories, fc.array(fc.nat(), { maxLength: 6 }), ({ commands }, cuts) => {
          const { events, state } = run(commands);
          const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
          let folded = accountDecider.initialState();
          let from = 0;
          for (const to of [...points, events.length]) {
            folded = foldEvents(accountDecider, events.slice(from, to), folded);
            from = to;
          }
          expect(folded).toEqual(state);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
