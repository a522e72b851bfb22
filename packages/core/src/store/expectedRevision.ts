import { concurrencyConflict } from '../errors/guards';
import { ValidationError } from '../errors/validationError';
import { renderValue } from '../schema/zodIssues';
import type { ExpectedRevision } from './envelope';

/** Renders a stream revision for messages: a number, or `no_stream`. */
export const describeRevision = (revision: bigint | undefined): string =>
  revision === undefined ? 'no_stream' : revision.toString();

/** Throws a ConcurrencyConflict unless a stream at `current` (undefined: no stream) satisfies `expected`. */
export const assertExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  current: bigint | undefined,
): void => {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && expected === current);
  if (!ok) {
    throw concurrencyConflict({
      streamId,
      expectedRevision: typeof expected === 'bigint' ? expected.toString() : expected,
      actualRevision: describeRevision(current),
    });
  }
};

/** Throws a TypeError naming the value unless it is a valid expected revision. */
export const assertExpectedRevisionShape: (expected: unknown) => asserts expected is ExpectedRevision = (
  expected,
) => {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  throw new ValidationError([
    {
      path: 'expectedRevision',
      rule: "must be a non-negative bigint, 'no_stream', 'stream_exists' or 'any'",
      got: renderValue(expected),
    },
  ]);
};
