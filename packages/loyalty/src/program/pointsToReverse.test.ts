import { ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { pointsToReverse } from './pointsToReverse';

describe('given an order of $100.00 that earned 99 points', () => {
  it('when it is refunded in full at once, then all 99 points are reversed', () => {
    expect(pointsToReverse(99, 10_000, 0, 10_000)).toBe(99);
  });

  it('when it is refunded in three parts of $33.33, $33.33 and $33.34, then 32 + 33 + 34 = 99 are reversed', () => {
    expect(pointsToReverse(99, 10_000, 0, 3333)).toBe(32);
    expect(pointsToReverse(99, 10_000, 3333, 3333)).toBe(33);
    expect(pointsToReverse(99, 10_000, 6666, 3334)).toBe(34);
  });

  it('when more than the net is refunded, then no more than the earned points are reversed', () => {
    expect(pointsToReverse(99, 10_000, 9000, 5000)).toBe(99 - 89);
    expect(pointsToReverse(99, 10_000, 10_000, 100)).toBe(0);
  });
});

describe('given an order that netted 0', () => {
  it('when anything is refunded, then whatever it earned is reversed', () => {
    expect(pointsToReverse(5, 0, 0, 100)).toBe(5);
    expect(pointsToReverse(5, 0, 100, 100)).toBe(0);
  });
});

describe('given bad input', () => {
  it('when an amount is negative or not whole, then a ValidationError names each', () => {
    expect(() => pointsToReverse(-1, 100, 0.5, 10)).toThrow(
      'earnedPoints: must be a non-negative whole number (got -1); refundedSoFar: must be a non-negative whole number (got 0.5)',
    );
    expect(() => pointsToReverse(1, Number.NaN, 0, 0)).toThrow(ValidationError);
  });
});
