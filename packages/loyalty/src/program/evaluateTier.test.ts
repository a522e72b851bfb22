import { ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { evaluateTier, requalificationDate, type TierState } from './evaluateTier';
import { parseProgram } from './parseProgram';
import type { ProgramInput } from './programSchema';
import { sampleProgram } from './sampleProgram';

// sample tiers: member 0, silver $100, gold $500 of qualifying spend over 365 days; reviews 365 days apart
const lastChangeAt = '1997-03-01T00:00:00Z';
const requalifyAt = '1998-03-01T00:00:00Z';
const state = (over: Partial<TierState>): TierState => ({
  current: 'member',
  basisValue: 0,
  lastChangeAt,
  requalifyAt,
  now: '1997-06-01T00:00:00Z',
  ...over,
});
const withTiers = (over: Partial<NonNullable<ProgramInput['tiers']>>) =>
  parseProgram({ ...sampleProgram, tiers: { ...sampleProgram.tiers!, ...over } });

describe('given a member whose basis crosses a threshold', () => {
  it('when they reach silver, then they are upgraded at once and reviewed 365 days later', () => {
    expect(evaluateTier(sampleProgram, state({ basisValue: 12_000 }))).toEqual({
      kind: 'upgrade',
      to: 'silver',
      reason: "qualifying_spend reached silver's threshold",
      basis: {
        kind: 'qualifying_spend',
        value: 12_000,
        window: { from: '1996-06-01T00:00:00.000Z', to: '1997-06-01T00:00:00.000Z' },
      },
      nextReviewAt: '1998-06-01T00:00:00.000Z',
      progress: { next: 'gold', needed: 38_000 },
    });
  });

  it('when they pass two thresholds at once, then they go straight to gold, with no progress left to show', () => {
    const decision = evaluateTier(sampleProgram, state({ basisValue: 80_000 }));
    expect(decision).toMatchObject({ kind: 'upgrade', to: 'gold' });
    expect(decision.progress).toBeUndefined();
  });
});

describe('given a gold member whose basis falls below gold', () => {
  it('when the review has not come, then gold holds until the review', () => {
    expect(evaluateTier(sampleProgram, state({ current: 'gold', basisValue: 2000 }))).toMatchObject({
      kind: 'hold',
      to: 'gold',
      nextReviewAt: '1998-03-01T00:00:00.000Z',
    });
  });

  it('when the review comes, then they drop straight to the level the basis earns', () => {
    expect(
      evaluateTier(sampleProgram, state({ current: 'gold', basisValue: 2000, now: requalifyAt })),
    ).toMatchObject({
      kind: 'downgrade',
      to: 'member',
      nextReviewAt: '1999-03-01T00:00:00.000Z',
      progress: { next: 'silver', needed: 8000 },
    });
  });

  it('when they requalify at the review, then they hold and are next reviewed on the following anniversary', () => {
    const now = '1998-03-11T00:00:00Z';
    expect(evaluateTier(sampleProgram, state({ current: 'gold', basisValue: 60_000, now }))).toMatchObject({
      kind: 'hold',
      to: 'gold',
      nextReviewAt: '1999-03-01T00:00:00.000Z',
    });
  });
});

describe('given a tier set by staff', () => {
  it('when the program reads it as a floor, then the member never goes below it, even at a review', () => {
    const decision = evaluateTier(
      sampleProgram,
      state({ current: 'gold', manual: 'gold', now: requalifyAt }),
    );
    expect(decision).toMatchObject({ kind: 'hold', to: 'gold', reason: 'held by manual floor tier gold' });
  });

  it('when the floor is above the current tier, then the member moves up to it at once', () => {
    expect(evaluateTier(sampleProgram, state({ manual: 'silver' }))).toMatchObject({
      kind: 'upgrade',
      to: 'silver',
    });
  });

  it('when the program reads it as one-off, then it holds until the review and not after', () => {
    const oneOff = withTiers({ manual: 'one_off' });
    expect(evaluateTier(oneOff, state({ current: 'gold', manual: 'gold' }))).toMatchObject({
      kind: 'hold',
      to: 'gold',
    });
    expect(evaluateTier(oneOff, state({ current: 'gold', manual: 'gold', now: requalifyAt }))).toMatchObject({
      kind: 'downgrade',
      to: 'member',
    });
  });

  it('when the basis earns more than the manual tier, then the earned tier wins', () => {
    expect(evaluateTier(sampleProgram, state({ manual: 'silver', basisValue: 50_000 }))).toMatchObject({
      to: 'gold',
    });
  });
});

describe('given a window since the last tier change', () => {
  it('when a tier is evaluated, then the basis window starts at the last change', () => {
    const since = withTiers({ window: { kind: 'since_last_change' } });
    expect(evaluateTier(since, state({})).basis.window.from).toBe('1997-03-01T00:00:00.000Z');
  });
});

describe('given tier input the program cannot read', () => {
  it('when a tier id is unknown or the program has no tiers, then a ValidationError names it', () => {
    expect(() => evaluateTier(sampleProgram, state({ current: 'platinum' }))).toThrow(
      'state.current: must name a tier of the program (got "platinum")',
    );
    const { tiers: _, ...rest } = sampleProgram;
    const untiered = parseProgram({ ...rest, earning: { ...rest.earning, multipliers: [] } });
    expect(() => evaluateTier(untiered, state({}))).toThrow(ValidationError);
    expect(() => evaluateTier(sampleProgram, state({ now: 'tomorrow' }))).toThrow(/state\.now/);
  });

  it('computes the review date as requalifyAfterDays after the last change', () => {
    expect(requalificationDate(sampleProgram, lastChangeAt)).toBe('1998-03-01T00:00:00.000Z');
  });
});
