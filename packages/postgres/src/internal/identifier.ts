import { createHash } from 'node:crypto';
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

/** PostgreSQL keeps the first 63 bytes of a prepared statement's name and drops the rest without an error. */
export const MAX_STATEMENT_NAME = 63;

/**
 * The name a statement is prepared under: `rapport.<schema>.<key>`, or, when that is longer than PostgreSQL keeps,
 * its start and a digest of the whole. Cut at 63 bytes, names of one long schema would collide on the server (a
 * 48-character schema made `appendEventText` and `appendToStreamText` the same statement), so the second one
 * prepared on a connection failed with "prepared statement already exists".
 */
export const statementName = (schema: string, key: string): string => {
  const name = `rapport.${schema}.${key}`;
  if (Buffer.byteLength(name) <= MAX_STATEMENT_NAME) return name;
  const digest = createHash('sha256').update(name).digest('base64url').slice(0, 12);
  return `${name.slice(0, MAX_STATEMENT_NAME - digest.length - 1)}~${digest}`;
};
