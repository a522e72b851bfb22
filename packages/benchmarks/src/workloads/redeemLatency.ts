import {
  createInMemoryEventStore,
  createInMemorySnapshotStore,
  type EventToAppend,
  handleCommand,
} from '@rapport/core';
import { type AccountState, accountDecider, loyaltyStreamId } from '@rapport/loyalty';
import { loadStore } from '../data/loadStore';
import { median } from '../harness/stats';
import type { BenchContext, Workload } from '../harness/types';

const HOUR = 3_600_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');
/** When the timed redemptions are decided: after every movement, before any lot expires. */
const REDEEM_AT = new Date(START + 400 * 24 * HOUR).toISOString();
const iso = (ms: number) => new Date(ms).toISOString();
const cause = { command: 'bench' };

/**
 * The history of an account with `movements` ledger movements, alternately an earning of 1,000 points (available at
 * once, expiring two years later) and a redemption of 500 taken oldest first, as the decider would take them: half
 * the lots end spent, half still hold points. The events name no customer, so every account can share them.
 */
const history = (movements: number): EventToAppend[] => {
  const events: EventToAppend[] = [
    {
      type: 'LoyaltyEnrolled',
      data: { programId: 'bench', programVersion: 1, negativeBalancePolicy: 'debt' },
      metadata: { occurredAt: iso(START) },
    },
  ];
  for (let i = 0; i < movements / 2; i++) {
    const at = START + (2 * i + 1) * HOUR;
    events.push({
      type: 'PointsEarned',
      data: {
        programId: 'bench',
        programVersion: 1,
        earningId: `e-${i}`,
        points: 1_000,
        rule: 'base',
        breakdown: [{ rule: 'base', points: 1_000 }],
        availableAt: iso(at),
        expiresAt: iso(at + 730 * 24 * HOUR),
        debtRecovered: 0,
        cause,
      },
      metadata: { occurredAt: iso(at) },
    });
    events.push({
      type: 'PointsRedeemed',
      data: {
        programId: 'bench',
        redemptionId: `r-${i}`,
        points: 500,
        reward: 'voucher',
        lots: [{ earningId: `e-${i >> 1}`, points: 500 }],
        cause,
      },
      metadata: { occurredAt: iso(at + HOUR) },
    });
  }
  return events;
};

/** Redeems on the `n`-th command on account `index`. */
type Redeem = (index: number, n: number) => Promise<unknown>;

/** `customers` accounts of `movements` movements each in a fresh store, redeemed on with a snapshot store. */
const accounts = async (movements: number, customers: number): Promise<Redeem> => {
  const store = createInMemoryEventStore();
  const events = history(movements);
  const streamOf = (index: number) => loyaltyStreamId(`bench-${movements}-${index}`);
  await loadStore(
    store,
    Array.from({ length: customers }, (_, index) =>
      events.map((event) => ({ streamId: streamOf(index), event })),
    ).flat(),
  );
  const snapshots = createInMemorySnapshotStore<AccountState>();
  return (index, n) =>
    handleCommand(
      store,
      accountDecider,
      {
        type: 'RedeemPoints',
        data: {
          customerId: `bench-${movements}-${index}`,
          redemptionId: `t-${n}`,
          points: 1,
          reward: 'coffee',
        },
      },
      { streamId: streamOf(index), snapshots, metadata: { occurredAt: REDEEM_AT } },
    );
};

/**
 * The median microseconds of one redemption: one untimed redemption per account (which folds its history into a
 * snapshot), then `count` redemptions round-robin over the accounts, so each grows by only a few movements.
 */
const latency = async (movements: number, customers: number, count: number) => {
  const redeem = await accounts(movements, customers);
  let n = 0;
  for (let index = 0; index < customers; index++) await redeem(index, n++);
  const samples: number[] = [];
  while (samples.length < count) {
    const began = performance.now();
    await redeem(samples.length % customers, n++);
    samples.push((performance.now() - began) * 1000);
  }
  return median(samples);
};

/** Workload: a redemption on an account with 10 and with 10,000 ledger movements; the second may cost at most twice the first. */
export const redeemLatency: Workload = {
  name: 'redeem-latency',
  title: 'Redemption latency at 10 and 10,000 ledger movements',
  run: async (context: BenchContext) => {
    const long = context.size(10_000, 1_000);
    const customers = context.size(10, 3);
    const count = context.size(100, 30);
    await latency(10, customers, count); // so the first timed run is not the one that compiles
    const shorts: number[] = [];
    const longs: number[] = [];
    for (let run = 0; run < Math.min(3, context.runs); run++) {
      shorts.push(await latency(10, customers, count));
      longs.push(await latency(long, customers, count));
    }
    const short = median(shorts);
    const lengthy = median(longs);
    const us = (value: number) =>
      value >= 1_000 ? `${(value / 1_000).toFixed(1)} ms` : `${value.toFixed(1)} µs`;
    context.log(`  Rapport ${us(short)} / ${us(lengthy)}`);
    return [
      {
        id: 'redeem-latency-ratio',
        label: `a redemption on loyalty accounts with ${long.toLocaleString('en')} ledger movements, over accounts with 10 (in-memory store, snapshots)`,
        unit: 'ratio',
        better: 'lower',
        rapport: lengthy / short,
        targets: [{ kind: 'atMost', value: 2 }],
        limit:
          'With snapshots a redemption reads no history; what is left is what the account state costs to decide on, update and freeze as its lots and movements grow.',
        notes: `Per redemption at 10 and ${long.toLocaleString('en')} movements (half the lots spent, half holding points): ${us(short)} and ${us(lengthy)}.`,
      },
    ];
  },
};
