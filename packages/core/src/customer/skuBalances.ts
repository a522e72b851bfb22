import type { SkuBalance } from './holdings';

/** A SKU and a quantity of it: a line of an order or of a return. */
interface SkuQuantity {
  readonly sku: string;
  readonly quantity: number;
}

/** The quantity of each SKU in `lines` (a SKU on several lines counts once, summed), in the order SKUs first appear. */
export const quantitiesBySku = (lines: readonly SkuQuantity[]): Map<string, number> => {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return bySku;
};

/** What an order's lines bought of each SKU, none of it returned yet. */
export const boughtSkus = (lines: readonly SkuQuantity[]): SkuBalance[] =>
  Array.from(quantitiesBySku(lines), ([sku, bought]) => ({ sku, bought, returned: 0 }));

/**
 * An order's SKUs after a return of `lines`. A SKU the order did not buy is passed over: the decider refuses such a
 * return, and only an event appended around it (an import) can hold one.
 */
export const afterReturn = (
  skus: readonly SkuBalance[],
  lines: readonly SkuQuantity[],
): readonly SkuBalance[] => {
  const back = quantitiesBySku(lines);
  return skus.map((entry) => {
    const quantity = back.get(entry.sku);
    return quantity === undefined ? entry : { ...entry, returned: entry.returned + quantity };
  });
};
