import { readFileSync } from 'node:fs';
import type { EventToAppend } from '@rapport/core';
import { cdnowDirectory, cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { loyaltyWorld } from '../__fixtures__/loyaltyWorld';
import { loyaltyStreamId } from '../account/accountDecider';
import { sampleProgram } from '../program/index';

const DAY = 86_400_000;
const END = '1998-06-30T23:59:59.999Z';
const CUSTOMERS = 200;

/**
 * The sample program computed by hand from the raw file, with none of the library's code: a point per dollar of
 * each order, ×1.25 at silver and ×1.5 at gold (qualifying spend over the last 365 days reaching $100 and $500; up
 * at once, down only at a review a year after the last change), floored; at most 1,000 points an order and 3,000 a
 * calendar month (UTC); 100 more for the first order; 50 at enrolment, which is the first order's time. Lots unlock
 * 30 days after the order (the welcome lot at once) and expire on the first day of the 13th month after the month
 * they unlock in. Nothing is redeemed, so every lot whose expiry comes by the end of the data expires whole.
 */
const byHand = (customers: number) => {
  const orders = new Map<string, { at: number; cents: number }[]>();
  for (const line of readFileSync(`${cdnowDirectory()}CDNOW_sample.txt`, 'latin1').split('\n')) {
    const [id, sample, date, , dollars] = line.trim().split(/\s+/);
    if (id === undefined || sample === undefined || Number(sample) > customers) continue;
    const [whole, cents] = dollars!.split('.');
    const day = `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}T12:00:00.000Z`;
    const list = orders.get(id) ?? [];
    list.push({ at: Date.parse(day), cents: Number(whole) * 100 + Number(cents) });
    orders.set(id, list);
  }
  const end = Date.parse(END);
  const expiry = (unlock: number) => {
    const d = new Date(unlock);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 13, 1);
  };
  const levelOf = (cents: number) => (cents >= 50_000 ? 2 : cents >= 10_000 ? 1 : 0);
  const factor = [4, 5, 6]; // quarters: ×1, ×1.25, ×1.5
  let issued = 0;
  let expired = 0;
  const tiers = new Map<string, number>();
  for (const [id, list] of orders) {
    list.sort((a, b) => a.at - b.at);
    const enrolled = list[0]!.at;
    const lots: { points: number; expires: number }[] = [{ points: 50, expires: expiry(enrolled) }];
    let level = 0;
    let nextReview = enrolled + 365 * DAY;
    const month = { start: -1, points: 0 };
    // the orders placed so far (two orders of one day share a time: the later is not counted before it happens)
    let placed = 0;
    const spendIn = (from: number, to: number) =>
      list
        .slice(0, placed)
        .filter((o) => o.at > from && o.at <= to)
        .reduce((sum, o) => sum + o.cents, 0);
    const review = (until: number) => {
      while (nextReview <= until) {
        const earned = levelOf(spendIn(nextReview - 365 * DAY, nextReview));
        if (earned < level) level = earned;
        nextReview += 365 * DAY;
      }
    };
    list.forEach((order, index) => {
      review(order.at);
      const d = new Date(order.at);
      const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      if (monthStart !== month.start) Object.assign(month, { start: monthStart, points: 0 });
      let spend = Math.floor((order.cents * factor[level]!) / 400);
      spend = Math.min(spend, 1000, Math.max(0, 3000 - month.points));
      month.points += spend;
      const points = spend + (index === 0 ? 100 : 0);
      if (points > 0) lots.push({ points, expires: expiry(order.at + 30 * DAY) });
      placed = index + 1;
      const reached = levelOf(spendIn(order.at - 365 * DAY, order.at));
      if (reached > level) {
        level = reached;
        nextReview = order.at + 365 * DAY;
      }
    });
    review(end);
    for (const lot of lots) {
      issued += lot.points;
      if (lot.expires <= end) expired += lot.points;
    }
    tiers.set(id, level);
  }
  return { issued, expired, tiers };
};

describe(`given the first ${CUSTOMERS} customers of the CDNOW sample, enrolled at their first order`, () => {
  it('the points issued and expired, and every tier at the end, equal a hand computation from the file', async () => {
    const expected = byHand(CUSTOMERS);
    const world = loyaltyWorld({ programs: [sampleProgram] });
    try {
      world.clock.set(END);
      const transactions = loadCdnowTransactions('sample').filter((t) => expected.tiers.has(t.customerId));
      for (const { streamId, event } of cdnowEvents(transactions)) {
        await world.store.appendToStream(streamId, [event]);
        if (event.type !== 'CustomerRegistered') continue;
        const enrolment: EventToAppend = {
          type: 'LoyaltyEnrolled',
          data: { programId: 'cdnow-rewards', programVersion: 1, negativeBalancePolicy: 'debt' },
          metadata: event.metadata!,
        };
        await world.store.appendToStream(loyaltyStreamId(event.metadata!.customerId!), [enrolment]);
      }
      await world.settle(END);
      const { events } = await world.store.readAll({ maxCount: 100_000 });
      const sum = (type: string) =>
        events
          .filter((event) => event.type === type)
          .reduce((total, event) => total + (event.data as { points: number }).points, 0);
      expect(sum('PointsEarned')).toBe(expected.issued);
      expect(sum('PointsExpired')).toBe(expected.expired);
      const names = ['member', 'silver', 'gold'];
      const tiers = new Map<string, string>();
      for (const event of events)
        if (event.type === 'TierChanged')
          tiers.set(event.metadata.customerId!, (event.data as { to: string }).to);
      for (const [id, level] of expected.tiers)
        expect([id, tiers.get(id) ?? 'member']).toEqual([id, names[level]]);
      expect((await world.readModels.outbox.list({ status: 'dead' })).entries).toEqual([]);
      // and the read model agrees: the sums of every member's balances document
      let held = 0;
      for (const id of expected.tiers.keys()) {
        const { figures } = (await world.balancesOf(id))!;
        held += figures.available + figures.pending;
      }
      expect(held).toBe(expected.issued - expected.expired);
    } finally {
      await world.stop();
    }
  }, 120_000);
});
