import { ERASED, isRapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone, resolveMatchOptions } from './normalise';

const plain = resolveMatchOptions();
const uk = resolveMatchOptions({ defaultCountryCode: '44' });
const us = resolveMatchOptions({ defaultCountryCode: '1', trunkPrefix: '1' });

describe('normalised emails', () => {
  it('ignore surrounding space and case, and nothing else', () => {
    expect(normaliseEmail('  Kim.Lee@Example.COM ')).toBe('kim.lee@example.com');
    // provider rules are not applied: these stay different addresses
    expect(normaliseEmail('kim.lee@gmail.com')).not.toBe(normaliseEmail('kimlee@gmail.com'));
    expect(normaliseEmail('kim+shop@example.com')).toBe('kim+shop@example.com');
  });

  it('compose Unicode the same way', () => {
    expect(normaliseEmail('Ame\u0301lie@example.com')).toBe(normaliseEmail('am\u00e9lie@example.com'));
  });

  it('never come from erased or malformed data', () => {
    for (const bad of [ERASED, '', '@example.com', 'kim@', 'kim lee@example.com', 'no-at-sign'])
      expect(normaliseEmail(bad)).toBeUndefined();
  });
});

describe('normalised phone numbers', () => {
  it('keep the digits, with + when the country is known', () => {
    expect(normalisePhone('+1 (555) 010-0199', plain)).toBe('+15550100199');
    expect(normalisePhone('0044 20 7946 0018', plain)).toBe('+442079460018');
    expect(normalisePhone('020 7946 0018', plain)).toBe('02079460018');
  });

  it('put the default country code in front of national numbers, without their trunk prefix', () => {
    expect(normalisePhone('020 7946 0018', uk)).toBe(normalisePhone('+44 20 7946 0018', uk));
    expect(normalisePhone('1 (555) 010-0199', us)).toBe('+15550100199');
    expect(normalisePhone('555 010 0199', us)).toBe('+15550100199');
  });

  it('never come from short codes, overlong numbers or erased data', () => {
    for (const bad of ['112', '+44 123', '1234567890123456', ERASED, ''])
      expect(normalisePhone(bad, uk)).toBeUndefined();
  });

  it('refuse options that cannot be a country code or trunk prefix', () => {
    for (const options of [
      { defaultCountryCode: '+44' },
      { defaultCountryCode: '0' },
      { trunkPrefix: 'x' },
    ]) {
      let error: unknown;
      try {
        resolveMatchOptions(options);
      } catch (e) {
        error = e;
      }
      expect(isRapportError(error, 'Configuration')).toBe(true);
    }
  });
});
