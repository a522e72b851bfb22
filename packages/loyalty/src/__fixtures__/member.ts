import type { RecordedEvent } from '@rapport/core';
import { afterEach } from 'vitest';
import { sampleProgram } from '../program/index';
import { loyaltyWorld } from './loyaltyWorld';

/**
 * Worlds of one member, `ann`, for given/when/then tests: `given(programs, enrol)` registers her (and enrols her at
 * 1997-01-10, unless `enrol` is false) and returns the world with helpers to buy, refund and read her ledger; every
 * world is stopped after each test. `track` adds a world built by hand to that list.
 */
export const memberWorlds = () => {
  const worlds: ReturnType<typeof loyaltyWorld>[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) await world.stop();
  });
  const ann = 'ann';
  const at = (date: string) => `${date}T12:00:00.000Z`;

  /** A world with `ann` registered and enrolled at 1997-01-10 in the sample program (unless `enrol` is false). */
  const given = async (programs = [sampleProgram], enrol = true) => {
    const world = loyaltyWorld({ programs });
    worlds.push(world);
    await world.customer(
      { type: 'RegisterCustomer', data: { customerId: ann, kind: 'customer' } },
      at('1997-01-10'),
    );
    if (enrol)
      await world.account(
        {
          type: 'EnrolLoyalty',
          data: {
            customerId: ann,
            programId: programs[0]!.id,
            programVersion: programs[0]!.version,
            negativeBalancePolicy: programs[0]!.negativeBalance,
          },
        },
        at('1997-01-10'),
      );
    const purchase = (orderId: string, dollars: number, date: string) =>
      world.customer(
        {
          type: 'RecordPurchase',
          data: {
            customerId: ann,
            orderId,
            currency: 'USD',
            paymentMethod: 'card',
            total: dollars * 100,
            lines: [{ sku: 'cd', quantity: 1, unitPrice: dollars * 100 }],
          },
        },
        at(date),
      );
    const refund = (orderId: string, refundId: string, dollars: number, date: string) =>
      world.customer(
        {
          type: 'RecordRefund',
          data: {
            customerId: ann,
            orderId,
            refundId,
            kind: 'return',
            amount: dollars * 100,
            currency: 'USD',
            reason: 'changed_mind',
          },
        },
        at(date),
      );
    const movements = async () =>
      (await world.ledger(ann)).map((event: RecordedEvent) => {
        const d = event.data as Record<string, unknown>;
        return [event.type, d.points ?? d.to, d.earningId ?? d.reasonKind ?? null];
      });
    return { world, purchase, refund, movements };
  };

  /**
   * The story several suites share: Ann buys for $400 on 1 Feb 1997, redeems 500 points on 10 March, returns half
   * of the order on 12 March and buys for $200 on 20 March; the world is then settled at `until`.
   */
  const story = async (until: string) => {
    const member = await given();
    const { world, purchase, refund } = member;
    await purchase('o-1', 400, '1997-02-01');
    await world.settle('1997-03-10T00:00:00Z');
    await world.account(
      {
        type: 'RedeemPoints',
        data: { customerId: ann, redemptionId: 'r-1', points: 500, reward: 'voucher-5' },
      },
      at('1997-03-10'),
    );
    await refund('o-1', 'rf-1', 200, '1997-03-12');
    await purchase('o-2', 200, '1997-03-20');
    await world.settle(until);
    return member;
  };

  const track = (world: ReturnType<typeof loyaltyWorld>) => {
    worlds.push(world);
    return world;
  };
  return { ann, at, given, story, track };
};
