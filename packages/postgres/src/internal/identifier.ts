import { RapportError, renderValue } from '@rapport/core';

/** Lower-case SQL identifiers only, so a name never needs case folding or escaping. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/** Throws a Configuration error unless `name` is a safe SQL identifier; returns it. */
export const assertIdentifier = (name: unknown, what: string): string => {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new RapportError(
      'Configuration',
      `${what} must match ${IDENTIFIER.source} (lower-case letters, digits and _, at most 48 characters; got ${renderValue(name)})`,
      { data: { [what]: name } },
    );
  }
  return name;
};

/** Quotes an identifier that `assertIdentifier` accepted. */
export const quoteIdentifier = (name: string): string => `"${name}"`;
