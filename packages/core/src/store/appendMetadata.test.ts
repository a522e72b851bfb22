import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendMetadataSchema, completeMetadata, type MetadataDraft } from './appendMetadata';

const stamp = { recordedAt: '2026-03-01T12:00:00.000Z', tenantId: 't1' };

/** What the metadata check must answer: zod's verdict, and zod's output normalized into the recorded form. */
const reference = (input: unknown) => {
  const parsed = appendMetadataSchema.safeParse(input ?? {});
  if (!parsed.success) return undefined;
  const { occurredAt, ...rest } = parsed.data;
  const metadata: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  metadata.occurredAt = occurredAt === undefined ? stamp.recordedAt : new Date(occurredAt).toISOString();
  metadata.recordedAt = stamp.recordedAt;
  metadata.tenantId = stamp.tenantId;
  return metadata;
};

// shape first: these properties let any time through; the tolerance has its own below
const complete = (input: unknown) => {
  const result = completeMetadata(input, stamp.recordedAt, stamp.tenantId, Number.POSITIVE_INFINITY);
  return Array.isArray(result) ? undefined : (result as MetadataDraft);
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Times in `toISOString` form whose fields run past their ranges: 30 February, 31 April, 24:00, :60. */
const normalizedLookingTime = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1999, max: 2101 }), fc.constantFrom(0, 1600, 1900, 2000, 2100, 9999)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
  })
  .map(
    ({ year, month, day, hour, minute, second }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.000Z`,
  );

/** For each key, values zod takes and values it refuses, the edges included. */
const values = {
  customerId: fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:@#/+-]{0,5}$/),
    fc.constant('a'.repeat(128)),
    fc.constant('a'.repeat(129)),
    fc.string({ maxLength: 4 }),
    fc.constant(null),
  ),
  occurredAt: fc.oneof(
    normalizedLookingTime,
    fc.date({ min: new Date(-62_000_000_000_000), max: new Date(250_000_000_000_000) }),
    fc.constant(new Date(Number.NaN)),
    fc.constantFrom('2026-01-01T10:00:00+02:00', '2026-01-01T10:00Z', '2026-01-01', 'yesterday', ''),
    fc.integer(),
  ),
  channel: fc.oneof(fc.constantFrom('email', 'web', 'back_office', 'fax', 'EMAIL', ''), fc.integer()),
  text: fc.oneof(
    fc.string({ maxLength: 3 }),
    fc.string({ minLength: 195, maxLength: 205 }),
    // 200 code points in 400 UTF-16 units: zod counts code points
    fc.constant('😀'.repeat(200)),
    fc.constant('😀'.repeat(201)),
    fc.integer(),
  ),
  schemaVersion: fc.oneof(
    fc.integer({ min: -2, max: 5 }),
    fc.constantFrom(1.5, 2 ** 53, 2 ** 60, Number.POSITIVE_INFINITY, Number.NaN),
    fc.constant('1'),
  ),
};

const valid = {
  customerId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:@#/+-]{0,5}$/),
  occurredAt: fc
    .date({ min: new Date(0), max: new Date(4_000_000_000_000), noInvalidDate: true })
    .map((d) => d.toISOString()),
  channel: fc.constantFrom('email', 'web'),
  text: fc.string({ minLength: 1, maxLength: 10 }),
  schemaVersion: fc.integer({ min: 1, max: 3 }),
};

/** Mostly valid metadata with now and then one odd value, so a wrong answer on one key is not hidden by another. */
const mostlyValid = <T, U>(good: fc.Arbitrary<T>, any: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: any });

const metadataArbitrary = fc.record(
  {
    customerId: mostlyValid(valid.customerId, values.customerId),
    occurredAt: mostlyValid(valid.occurredAt, values.occurredAt),
    channel: mostlyValid(valid.channel, values.channel),
    source: mostlyValid(valid.text, values.text),
    correlationId: mostlyValid(valid.text, values.text),
    causationId: mostlyValid(valid.text, values.text),
    actor: mostlyValid(valid.text, values.text),
    idempotencyKey: mostlyValid(valid.text, values.text),
    schemaVersion: mostlyValid(valid.schemaVersion, values.schemaVersion),
    unexpected: fc.constant(true),
  },
  { requiredKeys: [] },
);

const singleKey = fc.oneof(
  ...Object.entries({
    customerId: values.customerId,
    occurredAt: values.occurredAt,
    channel: values.channel,
    source: values.text,
    actor: values.text,
    schemaVersion: values.schemaVersion,
  }).map(([key, value]) => value.map((v: unknown) => ({ [key]: v }))),
);

describe('given any metadata a caller might send', () => {
  it('the checked and completed metadata is what zod accepts, normalized, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 5, arbitrary: metadataArbitrary },
          { weight: 5, arbitrary: singleKey },
          fc.constantFrom(undefined, null, [], 'x', 7),
        ),
        (input) => {
          expect(complete(input)).toEqual(reference(input));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('takes every real calendar day in the normalized form, leap days included', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '2026-01-31']) {
      const time = `${day}T23:59:59.999Z`;
      expect(complete({ occurredAt: time })?.occurredAt).toBe(time);
    }
    for (const day of ['2023-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-06-31']) {
      expect(complete({ occurredAt: `${day}T00:00:00.000Z` })).toBeUndefined();
    }
  });
});

describe('given an event time and the time it is recorded', () => {
  it('accepts it exactly when it leads the record time by at most the tolerance, and says so when not', () => {
    const recorded = Date.parse(stamp.recordedAt);
    fc.assert(
      fc.property(
        fc.integer({ min: -400 * 86_400_000, max: 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 2_147_483_647 }),
        (leadMs, toleranceMs) => {
          const occurredAt = new Date(recorded + leadMs).toISOString();
          const result = completeMetadata({ occurredAt }, stamp.recordedAt, stamp.tenantId, toleranceMs);
          if (leadMs <= toleranceMs) {
            expect(result).toMatchObject({ occurredAt, recordedAt: stamp.recordedAt });
          } else {
            expect(result).toEqual([
              {
                path: 'metadata.occurredAt',
                rule: `must not lead the time it is recorded (${stamp.recordedAt}) by more than the store's futureToleranceMs (${toleranceMs} ms), so not after ${new Date(recorded + toleranceMs).toISOString()}`,
                got: occurredAt,
              },
            ]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('allows five minutes of clock skew by default, and not the typo that dates a purchase 2062', () => {
    const lead = (ms: number) => new Date(Date.parse(stamp.recordedAt) + ms).toISOString();
    expect(completeMetadata({ occurredAt: lead(300_000) }, stamp.recordedAt, 't1')).toMatchObject({
      occurredAt: lead(300_000),
    });
    expect(Array.isArray(completeMetadata({ occurredAt: lead(300_001) }, stamp.recordedAt, 't1'))).toBe(true);
    expect(
      Array.isArray(completeMetadata({ occurredAt: '2062-03-02T10:00:00+01:00' }, stamp.recordedAt, 't1')),
    ).toBe(true);
  });
});
