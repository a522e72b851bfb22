import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRapportError } from '../errors/rapportError';
import { maxTimerMs, readOptions } from './optionReader';

const refusal = (call: () => unknown): string => {
  try {
    call();
  } catch (error) {
    if (isRapportError(error, 'Configuration')) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('reading a factory’s options', () => {
  it('applies defaults and returns what is valid', () => {
    const read = readOptions('make', { a: 3, on: true, name: 'x1', nested: { b: 7 } });
    expect(read.integer('a', 1, { min: 0 })).toBe(3);
    expect(read.integer('missing', 9, { min: 0 })).toBe(9);
    expect(read.boolean('on', false)).toBe(true);
    expect(read.string('name', 'd', /^[a-z0-9]+$/, 'a name')).toBe('x1');
    expect(read.nested('nested').integer('b', 0, { min: 0 })).toBe(7);
    expect(read.nested('absent').integer('b', 5, { min: 0 })).toBe(5);
  });

  it('names the factory, the dotted path, the rule and the value', () => {
    expect(refusal(() => readOptions('make', null))).toBe('make: options must be an object (got null)');
    expect(refusal(() => readOptions('make', { sub: [] }).nested('sub'))).toBe(
      'make: sub must be an object (got an array of 0)',
    );
    expect(
      refusal(() =>
        readOptions('make', { sub: { ms: 2 ** 31 } })
          .nested('sub')
          .integer('ms', 1, { min: 1, max: maxTimerMs }),
      ),
    ).toBe('make: sub.ms must be an integer from 1 to 2147483647 (got 2147483648)');
    expect(refusal(() => readOptions('make', { f: 1 }).callback('f', () => 0))).toBe(
      'make: f must be a function (got 1)',
    );
    expect(refusal(() => readOptions('make', { s: { query: 1 } }).service('s', ['query'], 'a pool'))).toBe(
      'make: s must be a pool (got an object)',
    );
    expect(refusal(() => readOptions('make', {}).service('s', ['query'], 'a pool'))).toBe(
      'make: s is required: give a pool',
    );
    expect(readOptions('make', {}).service('s', ['query'], 'a pool', true)).toBeUndefined();
  });

  it('accepts an integer exactly when it is one within the bounds', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), fc.integer({ min: -5, max: 5 }), (value, min) => {
        const max = min + 10;
        const ok = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
        const read = () => readOptions('make', { n: value }).integer('n', min, { min, max });
        if (ok || value === undefined) expect(read()).toBe(value === undefined ? min : value);
        else expect(refusal(read)).toContain(`n must be an integer from ${min} to ${max}`);
      }),
    );
  });
});
