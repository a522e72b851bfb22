import { describe, expect, it } from 'vitest';
import { escapeRegex, isSystemRecord, matchesFilter, serverFilterFor } from './filters';

const record = (type: string, streamId: string) => ({ type, streamId });

describe('what the server filters', () => {
  it('uses an exact, escaped alternation of the types when types are given', () => {
    const filter = serverFilterFor({
      types: new Set(['Purchase.Completed', 'A+B']),
      streamPrefix: 'customer-',
    });
    expect(filter).toEqual({ on: 'eventType', regex: '^(?:Purchase\\.Completed|A\\+B)$' });
    if (!('regex' in filter)) throw new Error('expected a regex filter');
    const regex = new RegExp(filter.regex); // the patterns used are the same in JavaScript and .NET
    expect(regex.test('Purchase.Completed')).toBe(true);
    expect(regex.test('PurchaseXCompleted')).toBe(false);
    expect(regex.test('Purchase.CompletedV2')).toBe(false);
  });

  it('matches nothing for an empty type list', () => {
    const filter = serverFilterFor({ types: new Set(), streamPrefix: '' });
    expect(filter).toEqual({ on: 'eventType', regex: '^$' });
  });

  it('uses the stream prefix when there are no types, and excludes system events otherwise', () => {
    expect(serverFilterFor({ types: undefined, streamPrefix: 'customer-' })).toEqual({
      on: 'streamName',
      prefixes: ['customer-'],
    });
    expect(serverFilterFor({ types: undefined, streamPrefix: '' })).toEqual({
      on: 'eventType',
      regex: '^[^$]',
    });
  });

  it('escapes every regex metacharacter', () => {
    const nasty = 'a.b*c+d?e(f)[g]{h}|i^j$k\\l m#n';
    expect(new RegExp(`^${escapeRegex(nasty)}$`).test(nasty)).toBe(true);
  });
});

describe('what the adapter filters on arrival', () => {
  it('skips system events: $-prefixed types and streams', () => {
    expect(isSystemRecord(record('$>', '$ce-customer'))).toBe(true);
    expect(isSystemRecord(record('$statsCollected', '$stats-127.0.0.1:2113'))).toBe(true);
    expect(isSystemRecord(record('$metadata', '$$customer-1'))).toBe(true);
    expect(isSystemRecord(record('TagAdded', 'customer-1'))).toBe(false);
  });

  it('applies types and prefix together', () => {
    const filter = { types: new Set(['Kept']), streamPrefix: 'x-' };
    expect(matchesFilter(record('Kept', 'x-1'), filter)).toBe(true);
    expect(matchesFilter(record('Kept', 'y-1'), filter)).toBe(false);
    expect(matchesFilter(record('Dropped', 'x-1'), filter)).toBe(false);
    expect(matchesFilter(record('$>', 'x-1'), { types: undefined, streamPrefix: '' })).toBe(false);
  });
});
