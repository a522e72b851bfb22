import { ValidationError } from '../errors/validationError';
import { renderValue } from '../schema/zodIssues';
import type { AllFilter, ReadAllOptions, ReadStreamOptions } from './eventStore';
import { assertOptionBag } from './storeOptions';

/** The largest page `readAll` returns. */
export const maxReadAllCount = 100_000;

const fail = (path: string, rule: string, got: unknown): never => {
  throw new ValidationError([{ path, rule, got: renderValue(got) }]);
};

/** Validated, defaulted read-stream options shared by every adapter. */
export const normalizeReadStreamOptions = (options: ReadStreamOptions = {}) => {
  assertOptionBag(options, 'options');
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards')
    fail('direction', "must be 'forwards' or 'backwards'", direction);
  const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(maxCount) || maxCount < 1) fail('maxCount', 'must be a positive integer', maxCount);
  if (
    options.fromRevision !== undefined &&
    (typeof options.fromRevision !== 'bigint' || options.fromRevision < 0n)
  ) {
    fail('fromRevision', 'must be a non-negative bigint', options.fromRevision);
  }
  let until: string | undefined;
  if (options.until !== undefined) {
    const time = new Date(options.until);
    if (Number.isNaN(time.getTime())) fail('until', 'must be a valid date', options.until);
    until = time.toISOString();
  }
  return { direction, maxCount, fromRevision: options.fromRevision, until };
};

/** Validated filter: a type set (or undefined for all) and a stream prefix. */
export const normalizeFilter = (filter: AllFilter = {}) => {
  assertOptionBag(filter, 'options');
  if (filter.types !== undefined && !Array.isArray(filter.types))
    fail('types', 'must be an array of event type names', filter.types);
  if (filter.streamPrefix !== undefined && typeof filter.streamPrefix !== 'string') {
    fail('streamPrefix', 'must be a string', filter.streamPrefix);
  }
  return {
    types: filter.types === undefined ? undefined : new Set<string>(filter.types),
    streamPrefix: filter.streamPrefix ?? '',
  };
};

/** Validated, defaulted read-all options shared by every adapter. */
export const normalizeReadAllOptions = (options: ReadAllOptions = {}) => {
  assertOptionBag(options, 'options');
  const after = options.after ?? 0n;
  if (typeof after !== 'bigint' || after < 0n) fail('after', 'must be a non-negative bigint', after);
  const maxCount = options.maxCount ?? 1000;
  if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > maxReadAllCount) {
    fail('maxCount', `must be an integer from 1 to ${maxReadAllCount}`, maxCount);
  }
  return { after, maxCount, ...normalizeFilter(options) };
};
