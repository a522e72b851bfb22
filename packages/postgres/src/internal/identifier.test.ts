import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STATEMENT_NAME, statementName } from './identifier';
import { createKeyStatements } from './keys/keyStatements';
import { createOutboxStatements } from './outbox/outboxStatements';
import { createReadModelStatements } from './readModels/readModelStatements';
import { createStatements } from './statements';

/** Every statement name one schema's stores prepare. */
const namesOf = (schema: string): string[] =>
  [
    createStatements(schema),
    createReadModelStatements(schema),
    createKeyStatements(schema),
    createOutboxStatements(schema),
  ].flatMap((set) =>
    Object.values(set as Record<string, unknown>).flatMap((value) =>
      value !== null && typeof value === 'object' && 'name' in value && typeof value.name === 'string'
        ? [value.name]
        : [],
    ),
  );

const schemaName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,47}$/);

describe('prepared statement names', () => {
  it('fit in the 63 bytes PostgreSQL keeps and stay distinct, for every schema name the stores accept', () => {
    fc.assert(
      fc.property(schemaName, (schema) => {
        const names = namesOf(schema);
        expect(names.length).toBeGreaterThan(20);
        for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_STATEMENT_NAME);
        expect(new Set(names).size).toBe(names.length);
      }),
      { numRuns: 300 },
    );
    const longest = namesOf('s'.repeat(48));
    expect(new Set(longest.map((name) => name.slice(0, MAX_STATEMENT_NAME))).size).toBe(longest.length);
  });

  it('read as rapport.<schema>.<key> while that fits, and as its start and a digest of it when it does not', () => {
    expect(statementName('crm', 'appendEventText')).toBe('rapport.crm.appendEventText');
    const long = statementName('s'.repeat(48), 'appendToStreamText');
    expect(long).toMatch(/^rapport\.s{42}~[A-Za-z0-9_-]{12}$/);
    expect(long).toHaveLength(MAX_STATEMENT_NAME);
    expect(statementName('s'.repeat(48), 'appendToStreamText')).toBe(long);
  });
});
