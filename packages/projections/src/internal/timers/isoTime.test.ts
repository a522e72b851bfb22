import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIso, parseIso } from './isoTime';

const instant = fc.oneof(
  fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }),
  fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2019, 0, 3) }),
  fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
);

describe('given any instant, formatted and parsed in any order', () => {
  it('formats exactly as Date#toISOString and parses back exactly as Date.parse', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) {
          const iso = new Date(ms).toISOString();
          expect(formatIso(ms)).toBe(iso);
          expect(parseIso(iso)).toBe(Date.parse(iso));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parses other forms, and rejects nonsense, as Date.parse does', () => {
    formatIso(Date.UTC(2025, 0, 1, 12));
    for (const text of [
      '2025-01-01T12:00:00Z',
      '2025-01-01',
      '2025-01-01T25:00:00.000Z',
      '2025-01-01T1x:00:00.000Z',
      'soon',
    ]) {
      expect(parseIso(text)).toEqual(Date.parse(text));
    }
  });
});

describe('given any text in the shape of toISOString, out-of-range fields included', () => {
  const field = (min: number, max: number, width: number) =>
    fc.integer({ min, max }).map((n) => String(n).padStart(width, '0'));

  it('parses exactly as Date.parse does: the same instant, or NaN, or its roll-over past a month end', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.oneof(field(0, 9999, 4), fc.constantFrom('2000', '1900', '2024', '2100', '0000', '20a4')),
          field(0, 13, 2),
          fc.oneof(field(0, 32, 2), fc.constantFrom('28', '29', '30', '31')),
          field(0, 25, 2),
          field(0, 60, 2),
          field(0, 60, 2),
          field(0, 999, 3),
        ),
        ([year, month, day, hours, minutes, seconds, millis]) => {
          const text = `${year}-${month}-${day}T${hours}:${minutes}:${seconds}.${millis}Z`;
          expect(parseIso(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('formats every day of the four-digit years, leap days and era edges included, as toISOString', () => {
    const days = fc.oneof(
      fc.integer({ min: -719_528, max: 2_932_896 }),
      fc.constantFrom(-719_528, -719_469, 11_016, 10_956, 47_540, 2_932_896),
    );
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 86_399_999 }), (day, time) => {
        const ms = day * 86_400_000 + time;
        expect(formatIso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('given any sequence of canonical times, parsed in turn', () => {
  it('each parses as Date.parse does, whichever day was parsed before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 253_402_300_799_999 }), { maxLength: 30 }),
        (instants) => {
          for (const ms of instants) expect(parseIso(new Date(ms).toISOString())).toBe(ms);
        },
      ),
      { numRuns: 300 },
    );
  });
});
