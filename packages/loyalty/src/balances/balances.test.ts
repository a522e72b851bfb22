import { describe, expect, it } from 'vitest';
import { memberWorlds } from '../__fixtures__/member';
import { balancesAsOf } from './balancesAsOf';
import { type BalancesDocument, figuresAt } from './balancesDocument';

const { ann, at, given, story } = memberWorlds();

/** The ledger identity: every point earned is available, pending, spent, expired, reversed, or paid as debt. */
const reconciles = (figures: BalancesDocument['figures']) =>
  figures.available +
  figures.pending +
  figures.redeemed +
  figures.expired +
  figures.reversed -
  figures.adjusted -
  figures.debt;

describe('the balances read model', () => {
  it('shows figures, tier and the ledger of lots and movements, and reconciles to the account at every time', async () => {
    const { world } = await story('1997-04-01T00:00:00Z');
    const doc = (await world.balancesOf(ann))!;
    // the document is plain JSON: what a store writes and reads back is the same
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    const account = await world.loyalty.balances(ann, doc.asOf);
    for (const field of [
      'available',
      'pending',
      'lifetimeEarned',
      'redeemed',
      'expired',
      'reversed',
      'adjusted',
      'debt',
      'expiringWithin30Days',
    ] as const)
      expect([field, doc.figures[field]]).toEqual([field, account[field]]);
    expect(reconciles(doc.figures)).toBe(doc.figures.lifetimeEarned);
    expect(doc.tier).toMatchObject({
      current: 'silver',
      reasonKind: 'upgrade',
      basis: { kind: 'qualifying_spend', value: 40_000 }, // $400 + $200 − $200 refunded, in cents
      progress: { next: 'gold', needed: 10_000 },
      nextReviewAt: '1998-02-01T12:00:00.000Z',
    });
    expect(doc.movements.map((m) => [m.kind, m.points, m.earningId ?? m.what])).toEqual([
      ['earned', 50, 'bonus:enrolment'],
      ['earned', 500, 'order:o-1'],
      ['tier', 0, 'silver'],
      ['redeemed', -500, 'voucher-5'],
      ['reversed', -200, 'order:o-1'],
      ['earned', 250, 'order:o-2'],
    ]);
    const reversal = doc.movements[4]!;
    expect(reversal).toMatchObject({
      actor: 'reactor:loyalty-earning',
      cause: { command: 'ReversePoints', orderId: 'o-1', refundId: 'rf-1' },
    });
    // and the event behind each of the program's decisions: the refund for the reversal, the purchase for the tier
    const log = (await world.store.readAll()).events;
    const refunded = log.find((event) => event.type === 'OrderRefunded')!;
    const bought = log.find((event) => event.type === 'PurchaseCompleted')!;
    expect(reversal.causationId).toBe(refunded.id);
    expect(doc.movements[2]!.causationId).toBe(bought.id);
    expect(reversal.reason).toContain('rf-1');
    // later times read from the same document: o-2's lot unlocks on 19 April with no event
    const later = figuresAt(doc, '1997-04-19T12:00:00.000Z');
    expect(later).toMatchObject({ available: 100, pending: 0 });
    const { tier: _, ...account19 } = await world.loyalty.balances(ann, '1997-04-19T12:00:00.000Z');
    expect(later).toEqual(account19);
  });

  it('refreshes its figures by a timer when a lot unlocks, with no new event', async () => {
    const { world, purchase } = await given();
    await purchase('o-1', 120, '1997-02-01');
    await world.settle('1997-02-02T00:00:00Z');
    expect((await world.balancesOf(ann))?.figures).toMatchObject({ available: 50, pending: 220 });
    await world.settle('1997-03-04T00:00:00Z');
    const doc = (await world.balancesOf(ann))!;
    expect(doc.asOf).toBe('1997-03-03T12:00:00.000Z');
    expect(doc.figures).toMatchObject({ available: 270, pending: 0, expiringWithin30Days: 0 });
  });

  it('answers as of any date, as it was then', async () => {
    const { world, purchase, refund } = await given();
    await purchase('o-1', 120, '1997-02-01');
    await refund('o-1', 'rf-1', 60, '1997-02-10');
    await world.settle('1998-06-01T00:00:00Z');
    const asOf = (date: string) => balancesAsOf(world.store, world.balances, ann, date);
    expect(await asOf('1997-01-01T00:00:00Z')).toBeUndefined();
    expect((await asOf('1997-02-05T00:00:00Z'))?.figures).toMatchObject({
      available: 50,
      pending: 220,
      reversed: 0,
    });
    expect((await asOf('1997-03-05T00:00:00Z'))?.figures).toMatchObject({
      available: 50 + 160,
      reversed: 60,
    });
    const expired = (await asOf('1998-05-01T00:00:00Z'))!;
    expect(expired.figures).toMatchObject({ available: 0, expired: 210 });
    // today's document agrees with the fold up to today
    const now = (await world.balancesOf(ann))!;
    expect((await asOf(now.asOf))?.figures).toEqual(now.figures);
  });

  it('drops free-text reasons when the customer is forgotten, and keeps the figures', async () => {
    const { world, purchase, refund } = await given();
    await purchase('o-1', 120, '1997-02-01');
    await refund('o-1', 'rf-1', 60, '1997-02-10');
    await world.settle('1997-02-11T00:00:00Z');
    const before = (await world.balancesOf(ann))!;
    expect(before.movements.some((m) => m.reason !== undefined)).toBe(true);
    await world.customer(
      { type: 'ForgetCustomer', data: { customerId: ann, reason: 'subject_request' } },
      at('1997-02-12'),
    );
    await world.settle('1997-02-13T00:00:00Z');
    const after = (await world.balancesOf(ann))!;
    expect(after.forgotten).toBe(true);
    expect(after.movements.every((m) => m.reason === undefined)).toBe(true);
    expect(after.figures).toMatchObject({ lifetimeEarned: before.figures.lifetimeEarned });
  });
});
