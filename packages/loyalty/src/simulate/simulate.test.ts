import { describe, expect, it } from 'vitest';
import { memberWorlds } from '../__fixtures__/member';
import { type ProgramInput, parseProgram, sampleProgram } from '../program/index';
import { simulate } from './simulate';

const { ann, at, story } = memberWorlds();

/** The sample program changed by `patch`, as version 2 in force from the same date. */
const changed = (patch: (input: ProgramInput) => ProgramInput) =>
  parseProgram(patch({ ...(JSON.parse(JSON.stringify(sampleProgram)) as ProgramInput), version: 2 }));

const TO = '1998-06-01T00:00:00.000Z';
const history = () => story(TO);

describe('simulate: a program change replayed over history before it goes live', () => {
  it('given the current program as the candidate, then nothing differs, and each side is what the live run recorded', async () => {
    const { world } = await history();
    const report = await simulate([sampleProgram], world.store, { current: [sampleProgram], to: TO });
    expect(report.customers.map((c) => [c.customerId, c.changed])).toEqual([[ann, false]]);
    expect(report.total.difference).toEqual({
      earned: 0,
      reversed: 0,
      expired: 0,
      redeemed: 0,
      available: 0,
      pending: 0,
      debt: 0,
      refusals: 0,
      tierMoves: 0,
    });
    const live = await world.loyalty.balances(ann, TO);
    const ledger = await world.ledger(ann);
    const sum = (type: string) =>
      ledger
        .filter((event) => event.type === type)
        .reduce((total, event) => total + (event.data as { points: number }).points, 0);
    expect(report.customers[0]!.current).toMatchObject({
      earned: live.lifetimeEarned,
      reversed: sum('PointsReversed'),
      expired: sum('PointsExpired'),
      redeemed: 500,
      available: live.available,
      pending: live.pending,
      debt: live.debt,
      tier: live.tier,
      refusals: [],
    });
    expect(report.customers[0]!.current.tierMoves.map((move) => [move.at, move.to])).toEqual(
      ledger
        .filter((event) => event.type === 'TierChanged')
        .map((event) => [event.metadata.occurredAt, (event.data as { to: string }).to]),
    );
  });

  it('given double points per dollar, then the difference is what a hand computation gives, per customer and in total', async () => {
    const { world } = await history();
    const doubled = changed((input) => ({
      ...input,
      earning: { ...input.earning, base: { id: 'base', pointsPerUnit: 2 } },
    }));
    const report = await simulate([doubled], world.store, {
      current: [sampleProgram],
      from: '1997-02-01T00:00:00Z',
      to: TO,
    });
    const ann_ = report.customers[0]!;
    // o-1: 400 → 800 (first-order bonus 100 either way); o-2 at silver: 250 → 500; the reversal of half of o-1's
    // spend points: 200 → 400; the welcome bonus (enrolled before `from`) is not counted
    expect(ann_.current.earned).toBe(500 + 250);
    expect(ann_.candidate.earned).toBe(900 + 500);
    expect(ann_.difference).toMatchObject({ earned: 650, reversed: 200, refusals: 0 });
    expect(ann_.changed).toBe(true);
    expect(report.total.difference.earned).toBe(650);
    expect(report.window).toEqual({ from: '1997-02-01T00:00:00.000Z', to: TO });
  });

  it('given a silver threshold out of reach, then the tier moves differ and say when', async () => {
    const { world } = await history();
    const harder = changed((input) => ({
      ...input,
      tiers: {
        ...input.tiers!,
        levels: [
          { id: 'member', name: 'Member', threshold: 0 },
          { id: 'silver', name: 'Silver', threshold: 100_000 },
          { id: 'gold', name: 'Gold', threshold: 500_000 },
        ],
      },
    }));
    const report = await simulate([harder], world.store, { current: [sampleProgram], to: TO });
    const { current, candidate } = report.customers[0]!;
    expect(current.tierMoves.map((move) => [move.at, move.to, move.reasonKind])).toEqual([
      [at('1997-02-01'), 'silver', 'upgrade'],
      ['1998-02-01T12:00:00.000Z', 'member', 'downgrade'],
    ]);
    expect(candidate.tierMoves).toEqual([]);
    // no silver multiplier on o-2: 200 instead of 250
    expect(report.customers[0]!.difference).toMatchObject({ earned: -50, tierMoves: -2 });
    expect(report.total.candidate.tiers).toEqual({});
    expect(report.total.current.tiers).toEqual({ member: 1 });
  });

  it('given half a point per dollar, then the redemption the candidate leaves too few points for is a refusal', async () => {
    const { world } = await history();
    const stingy = changed((input) => ({
      ...input,
      earning: { ...input.earning, base: { id: 'base', pointsPerUnit: 0.5 } },
    }));
    const report = await simulate([stingy], world.store, { current: [sampleProgram], to: TO });
    // 50 welcome + 200 + 100 first-order = 350 available on 10 March: 500 cannot be redeemed
    expect(report.customers[0]!.candidate.refusals).toEqual([
      expect.objectContaining({ type: 'RedeemPoints', code: 'IllegalState', at: at('1997-03-10') }),
    ]);
    expect(report.total.difference.refusals).toBe(1);
  });

  it('refuses programs of different ids and a window that ends before it starts, naming what is wrong', async () => {
    const other = parseProgram({
      ...(JSON.parse(JSON.stringify(sampleProgram)) as ProgramInput),
      id: 'other',
    });
    await expect(simulate([other], [], { current: [sampleProgram], to: TO })).rejects.toThrow(
      'versions of one program (got other, cdnow-rewards)',
    );
    await expect(
      simulate([sampleProgram], [], { current: [sampleProgram], from: TO, to: '1997-01-01T00:00:00Z' }),
    ).rejects.toThrow('simulate: options.from: must not be after to');
    await expect(
      simulate([sampleProgram], [], { current: [sampleProgram], to: 'yesterday' }),
    ).rejects.toThrow('simulate: options.to');
  });
});
