import { type TouchpointData, ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import { netSpend } from './netSpend';

type Purchase = TouchpointData<'PurchaseCompleted'>;
const order = (over: Partial<Purchase>): Purchase => ({
  orderId: 'o1',
  lines: [],
  total: 0,
  currency: 'USD',
  paymentMethod: 'card',
  ...over,
});

describe('given an amount to split in proportion to weights', () => {
  it('floors each share and gives the leftover units to the largest remainders, ties to the earlier', () => {
    expect(allocate(100, [1000, 2000, 3000])).toEqual([17, 33, 50]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(7, [])).toEqual([]);
  });
});

describe('given an order whose lines are all priced', () => {
  it('takes gross less discount, allocates the discount by largest remainder, and leaves tax and shipping out', () => {
    const spend = netSpend(
      order({
        lines: [
          { sku: 'a', category: 'music', quantity: 2, unitPrice: 500 },
          { sku: 'b', quantity: 1, unitPrice: 2000 },
          { sku: 'c', quantity: 3, unitPrice: 1000 },
        ],
        discount: 100,
        tax: 480,
        shipping: 399,
        total: 6779,
      }),
    );
    expect(spend).toEqual({
      net: 5900,
      from: 'priced',
      lines: [
        { line: 0, sku: 'a', category: 'music', net: 983 },
        { line: 1, sku: 'b', net: 1967 },
        { line: 2, sku: 'c', net: 2950 },
      ],
    });
  });

  it('nets to zero, not below, when the discount exceeds the goods', () => {
    const spend = netSpend(order({ lines: [{ sku: 'a', quantity: 1, unitPrice: 300 }], discount: 500 }));
    expect(spend.net).toBe(0);
    expect(spend.lines.map((line) => line.net)).toEqual([0]);
  });
});

describe('given an order with a line without a price', () => {
  it('takes total less tax and shipping, split over the lines by quantity', () => {
    const spend = netSpend(
      order({
        lines: [
          { sku: 'cd', category: 'music', quantity: 2 },
          { sku: 'b', quantity: 1, unitPrice: 999 },
        ],
        total: 3100,
        tax: 100,
        shipping: 500,
      }),
    );
    expect(spend).toEqual({
      net: 2500,
      from: 'total',
      lines: [
        { line: 0, sku: 'cd', category: 'music', net: 1667 },
        { line: 1, sku: 'b', net: 833 },
      ],
    });
  });

  it('is one part with no SKU or category when the order has no lines', () => {
    expect(netSpend(order({ total: 1234, tax: 34 }))).toEqual({
      net: 1200,
      from: 'total',
      lines: [{ net: 1200 }],
    });
  });
});

describe('given priced lines whose total no integer can hold exactly', () => {
  it('when the net is asked for, then a ValidationError names the lines', () => {
    const huge = { sku: 'a', quantity: 1_000_000, unitPrice: Number.MAX_SAFE_INTEGER };
    expect(() => netSpend(order({ lines: [huge] }))).toThrow(ValidationError);
    expect(() => netSpend(order({ lines: [huge] }))).toThrow(/^purchase\.lines: must total at most/);
  });
});
