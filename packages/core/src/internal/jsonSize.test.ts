import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLengthBound, jsonLengthIfNear } from './jsonSize';

describe('given any JSON value', () => {
  it('the cheap bound is never below the real serialized length', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonLengthBound(value, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(
          JSON.stringify(value).length,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('bounds the longest number texts JavaScript prints', () => {
    for (const n of [
      -0.0000010000002379766121, -1.7976931348623157e308, -2.2250738585072014e-308, -123456789012345680000,
    ]) {
      expect(jsonLengthBound(n, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(JSON.stringify(n).length);
    }
  });

  it('measures exactly whenever the value could be over the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 200 }), (value, limit) => {
        const real = JSON.stringify(value).length;
        const measured = jsonLengthIfNear(value, limit);
        if (real > limit) expect(measured).toBe(real);
        else expect(measured).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 500 },
    );
  });
});
