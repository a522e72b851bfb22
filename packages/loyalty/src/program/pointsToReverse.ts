import { renderValue, ValidationError, type ValidationIssue } from '@rapport/core';

const wholeIssue = (path: string, value: number): ValidationIssue[] =>
  Number.isSafeInteger(value) && value >= 0
    ? []
    : [{ path, rule: 'must be a non-negative whole number', got: renderValue(value) }];

/**
 * Points to take back for a refund of `refundNow` minor units of an order whose net was `orderNet`, after
 * `refundedSoFar` was refunded before. Cumulative: the points reversed once `r` is refunded in total are
 * `floor(earnedPoints × min(r, orderNet) / orderNet)`, and this call returns the step from before to after, so
 * any split of a full refund reverses exactly `earnedPoints` and never more. An order whose net was 0 has any
 * refund reverse all of `earnedPoints`.
 */
export const pointsToReverse = (
  earnedPoints: number,
  orderNet: number,
  refundedSoFar: number,
  refundNow: number,
): number => {
  const issues = [
    ...wholeIssue('earnedPoints', earnedPoints),
    ...wholeIssue('orderNet', orderNet),
    ...wholeIssue('refundedSoFar', refundedSoFar),
    ...wholeIssue('refundNow', refundNow),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  const reversedAfter = (refunded: number): bigint => {
    if (orderNet === 0) return refunded > 0 ? BigInt(earnedPoints) : 0n;
    return (BigInt(earnedPoints) * BigInt(Math.min(refunded, orderNet))) / BigInt(orderNet);
  };
  return Number(reversedAfter(refundedSoFar + refundNow) - reversedAfter(refundedSoFar));
};
