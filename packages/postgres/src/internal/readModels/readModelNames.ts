import { ValidationError } from '@rapport/core';

const COLLECTION = /^[a-z][a-z0-9_-]{0,79}$/;
const PROJECTION = /^[a-z][a-z0-9_-]{0,62}$/;

/** Longest document key, in UTF-16 units: keys are index columns, and a btree entry must stay under ~2.7 kB. */
export const maxKeyLength = 512;
/** Longest timer name, in UTF-16 units (an index column too). */
export const maxTimerNameLength = 128;

const got = (value: unknown) => JSON.stringify(value)?.slice(0, 100) ?? String(value);

/** Throws unless `collection` is a collection name such as `profiles_v3`; returns it. */
export const assertCollection = (collection: unknown): string => {
  if (typeof collection === 'string' && COLLECTION.test(collection)) return collection;
  throw new ValidationError([
    {
      path: 'collection',
      rule: 'must be lower-case letters, digits, - and _, starting with a letter, at most 80 characters',
      got: got(collection),
    },
  ]);
};

/** Throws unless `projection` is a projection name as `defineProjection` accepts it; returns it. */
export const assertProjection = (projection: unknown): string => {
  if (typeof projection === 'string' && PROJECTION.test(projection)) return projection;
  throw new ValidationError([
    {
      path: 'projection',
      rule: 'must be lower-case letters, digits, - and _, starting with a letter, at most 63 characters',
      got: got(projection),
    },
  ]);
};

/** Throws unless `key` is a string of at most `max` characters; returns it. */
export const assertKey = (key: unknown, path: string, max = maxKeyLength): string => {
  if (typeof key === 'string' && key.length <= max) return key;
  throw new ValidationError([{ path, rule: `must be a string of at most ${max} characters`, got: got(key) }]);
};

/** Throws unless `to` is a key, or null (the removal of an alias); returns it. */
export const assertAliasTarget = (to: unknown, path: string): string | null => {
  if (to === null || (typeof to === 'string' && to.length <= maxKeyLength)) return to;
  throw new ValidationError([
    {
      path,
      rule: `must be a string of at most ${maxKeyLength} characters, or null to remove the alias`,
      got: got(to),
    },
  ]);
};

/** Throws unless `version` is a positive integer; returns it. */
export const assertVersion = (version: unknown, path: string): number => {
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= 2 ** 31 - 1)
    return version;
  throw new ValidationError([{ path, rule: 'must be a positive integer', got: got(version) }]);
};

/** Throws unless `position` is a non-negative bigint; returns it. */
export const assertPosition = (position: unknown, path: string): bigint => {
  if (typeof position === 'bigint' && position >= 0n && position < 2n ** 63n) return position;
  throw new ValidationError([{ path, rule: 'must be a non-negative bigint', got: String(position) }]);
};

/** Throws unless `time` is an ISO-8601 UTC instant as the runtime writes them; returns it. */
export const assertTime = (time: unknown, path: string): string => {
  if (typeof time === 'string' && /^[0-9+-][0-9-]*T[0-9:.]+Z$/.test(time)) return time;
  throw new ValidationError([{ path, rule: 'must be an ISO-8601 UTC time', got: got(time) }]);
};
