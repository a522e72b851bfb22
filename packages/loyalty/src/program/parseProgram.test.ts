import { isValidationError, type ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { parseProgram } from './parseProgram';
import { sampleProgram } from './sampleProgram';

const json = () => JSON.parse(JSON.stringify(sampleProgram));

/** Parses `input` expecting a ValidationError; returns its issues as `path: rule` lines. */
const problems = (input: unknown): string[] => {
  try {
    parseProgram(input);
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return (error as ValidationError).issues.map((issue) => `${issue.path}: ${issue.rule}`);
  }
  throw new Error('expected a ValidationError');
};

describe('given the sample program as JSON', () => {
  it('parses to the same program', () => {
    expect(parseProgram(json())).toEqual(sampleProgram);
  });

  it('fills empty rule lists when they are left out', () => {
    const input = json();
    delete input.earning.multipliers;
    delete input.rewards;
    expect(parseProgram(input).earning.multipliers).toEqual([]);
    expect(parseProgram(input).rewards).toEqual([]);
  });
});

describe('given a program with a bad field', () => {
  it('names the path of a factor that is not positive', () => {
    const input = json();
    input.earning.multipliers[1].factor = 0;
    expect(problems(input)).toEqual(['earning.multipliers[1].factor: must be greater than 0']);
  });

  it('names every bad path at once, across sections', () => {
    const input = json();
    input.version = 0;
    input.currency = 'USS';
    input.earning.base.pointsPerUnit = 0.12345;
    input.earning.caps[0].points = 0;
    input.pending.returnWindowDays = -1;
    input.expiry = { kind: 'after_days', days: 0 };
    input.rewards[0].cost = 1.5;
    expect(problems(input)).toEqual([
      'version: must be at least 1',
      'currency: must be an active ISO-4217 currency code such as USD, EUR or JPY',
      'earning.base.pointsPerUnit: must have at most 4 decimal places',
      'earning.caps[0].points: must be positive',
      'pending.returnWindowDays: must be at least 0',
      'expiry.days: must be at least 1',
      'rewards[0].cost: must be a whole number of points',
    ]);
  });

  it('refuses an unknown field and a missing one', () => {
    const input = json();
    input.earning.base.rate = 2;
    delete input.negativeBalance;
    expect(problems(input)).toEqual([
      'earning.base: unknown field "rate"',
      'negativeBalance: must be one of "allow_negative", "debt"',
    ]);
  });

  it('refuses input that is not an object with a ValidationError, not a bare Error', () => {
    expect(problems('not a program')).toEqual(['(input): must be an object']);
    expect(problems(null)).toEqual(['(input): must be an object']);
  });
});

describe('given a program that breaks a rule across fields', () => {
  it('refuses tier thresholds that do not strictly ascend, and a first level above 0', () => {
    const input = json();
    input.tiers.levels[0].threshold = 5;
    input.tiers.levels[2].threshold = 10_000;
    expect(problems(input)).toEqual([
      'tiers.levels[0].threshold: must be 0: the first level is where every member starts',
      "tiers.levels[2].threshold: must be greater than the previous level's (10000): thresholds strictly ascend",
    ]);
  });

  it('refuses repeated rule, tier and reward ids', () => {
    const input = json();
    input.earning.bonuses[1].id = 'base';
    input.earning.caps[1].id = 'silver-earn';
    input.tiers.levels[2].id = 'silver';
    input.rewards[1].id = 'voucher-5';
    expect(problems(input)).toEqual([
      'earning.bonuses[1].id: must be unique among earning rules (also earning.base)',
      'earning.caps[1].id: must be unique among earning rules (also earning.multipliers[0])',
      'tiers.levels[2].id: must be unique among tiers (also at [1])',
      'rewards[1].id: must be unique among rewards (also at [0])',
      // the gold level is gone, so the gold multiplier names no tier
      'earning.multipliers[1].match: must name a tier in tiers.levels',
    ]);
  });

  it('refuses a rule whose validUntil is not after its validFrom, and a program that closes before it opens', () => {
    const input = json();
    input.earning.multipliers[0].validFrom = '1997-06-01T00:00:00Z';
    input.earning.multipliers[0].validUntil = '1997-06-01T00:00:00Z';
    input.earning.bonuses[0].validFrom = '1997-06-01T00:00:00Z';
    input.earning.bonuses[0].validUntil = '1997-05-01T00:00:00Z';
    input.effectiveUntil = '1996-12-31T00:00:00Z';
    expect(problems(input)).toEqual([
      'earning.multipliers[0].validUntil: must be after validFrom (1997-06-01T00:00:00Z)',
      'earning.bonuses[0].validUntil: must be after validFrom (1997-06-01T00:00:00Z)',
      'effectiveUntil: must be after effectiveFrom (1997-01-01T00:00:00Z)',
    ]);
  });

  it('refuses a tier multiplier for a tier the program does not have', () => {
    const input = json();
    input.earning.multipliers[1].match = 'platinum';
    expect(problems(input)).toEqual(['earning.multipliers[1].match: must name a tier in tiers.levels']);
  });
});
