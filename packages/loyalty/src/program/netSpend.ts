import { type TouchpointData, ValidationError } from '@rapport/core';
import { allocate } from './allocate';

type Purchase = TouchpointData<'PurchaseCompleted'>;

/** The share of an order's net spend that one line carries, in minor units. */
export interface LineNet {
  /** Index in `purchase.lines`; absent for an order without lines. */
  readonly line?: number;
  readonly sku?: string;
  readonly category?: string;
  readonly net: number;
}

/** An order's net spend in minor units and its split over the lines; the parts sum to `net` exactly. */
export interface NetSpend {
  readonly net: number;
  /** `priced`: from line prices less the discount; `total`: from the total less tax and shipping. */
  readonly from: 'priced' | 'total';
  readonly lines: readonly LineNet[];
}

/**
 * Net spend of a purchase: what was paid for goods, without tax or shipping.
 * - Every line priced: net = Σ quantity × unitPrice − discount (at least 0); the discount is allocated to the
 *   lines in proportion to their gross by largest remainder, so line nets sum to the net exactly.
 * - Any line without a unitPrice: net = total − tax − shipping (at least 0), split over the lines in
 *   proportion to quantity (a line's value is unknown, so each unit counts the same).
 * - No lines: the net is one part with no SKU or category.
 * Throws a `ValidationError` when the priced lines total more than `Number.MAX_SAFE_INTEGER` minor units.
 */
export const netSpend = (purchase: Purchase): NetSpend => {
  const { lines } = purchase;
  const priced = lines.length > 0 && lines.every((line) => line.unitPrice !== undefined);
  const tag = (index: number, net: number): LineNet => {
    const { sku, category } = lines[index]!;
    return category === undefined ? { line: index, sku, net } : { line: index, sku, category, net };
  };
  if (priced) {
    const gross = lines.map((line) => line.quantity * line.unitPrice!);
    const grossSum = gross.reduce((a, b) => a + b, 0);
    if (!Number.isSafeInteger(grossSum))
      throw new ValidationError([
        {
          path: 'purchase.lines',
          rule: `must total at most ${Number.MAX_SAFE_INTEGER} minor units (quantity × unitPrice)`,
        },
      ]);
    const discount = Math.min(purchase.discount ?? 0, grossSum);
    const shares = allocate(discount, gross);
    return {
      net: grossSum - discount,
      from: 'priced',
      lines: gross.map((g, index) => tag(index, g - shares[index]!)),
    };
  }
  const net = Math.max(0, purchase.total - (purchase.tax ?? 0) - (purchase.shipping ?? 0));
  if (lines.length === 0) return { net, from: 'total', lines: [{ net }] };
  const parts = allocate(
    net,
    lines.map((line) => line.quantity),
  );
  return { net, from: 'total', lines: parts.map((part, index) => tag(index, part)) };
};
