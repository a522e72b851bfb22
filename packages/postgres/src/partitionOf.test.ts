import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionHash, partitionOf } from './index';

/** The documented algorithm, written the slow and obvious way: FNV-1a over UTF-8, then MurmurHash3's fmix32. */
const reference = (key: string): number => {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
};

describe('the partition hash', () => {
  it('never changes: these values are what every process and version computes', () => {
    // also checked against an independent Python implementation of the same definition
    expect(['', 'a', 'c1', '00001', 'customer-42', 'ä', '😀', '\ud800'].map(partitionHash)).toEqual([
      2872998923, 444641715, 87246190, 1473017013, 2807919948, 519959299, 855877642, 1205388858,
    ]);
  });

  it('is FNV-1a over the UTF-8 bytes, mixed, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (key) => {
        expect(partitionHash(key)).toBe(reference(key));
      }),
      { numRuns: 500 },
    );
  });

  it('spreads customer ids evenly over partitions', () => {
    for (const count of [2, 4, 8]) {
      const sizes = new Array<number>(count).fill(0);
      for (let i = 1; i <= 20_000; i++) sizes[partitionOf(String(i).padStart(5, '0'), count)]!++;
      for (const size of sizes) expect(Math.abs(size - 20_000 / count)).toBeLessThan(0.05 * (20_000 / count));
    }
  });
});
