import { ValidationError } from '../errors/validationError';
import type { StreamAppend } from './eventStore';

/** Throws a Validation error unless `appends` is an array (the argument of `appendToStreams`). */
export const assertBulkAppends: (appends: unknown) => asserts appends is readonly StreamAppend[] = (
  appends,
) => {
  if (!Array.isArray(appends)) {
    throw new ValidationError([{ path: 'appends', rule: 'must be an array of stream appends' }]);
  }
};

/**
 * Checks one entry of a bulk append: an object, naming a stream not already named earlier in the call
 * (`seen` collects them). Every store calls it in order, so all report the same first error.
 */
export const assertBulkEntry = (append: unknown, index: number, seen: Set<string>): StreamAppend => {
  if (append === null || typeof append !== 'object' || Array.isArray(append)) {
    throw new ValidationError([
      { path: `appends[${index}]`, rule: 'must be { streamId, events, expectedRevision? }' },
    ]);
  }
  const { streamId } = append as StreamAppend;
  if (seen.has(streamId)) {
    throw new ValidationError([
      { path: `appends[${index}].streamId`, rule: 'must appear once per call', got: streamId },
    ]);
  }
  seen.add(streamId);
  return append as StreamAppend;
};
