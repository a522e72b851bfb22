import { ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { availableAt, expiresAt } from './availability';
import { parseProgram } from './parseProgram';
import type { ProgramInput } from './programSchema';
import { sampleProgram } from './sampleProgram';

const withExpiry = (expiry: ProgramInput['expiry']) => parseProgram({ ...sampleProgram, expiry });

describe('given a 30-day return window', () => {
  it('when a purchase is made, then its points unlock 30 × 24 h later, in UTC', () => {
    expect(availableAt(sampleProgram, '1997-01-15T12:00:00Z')).toBe('1997-02-14T12:00:00.000Z');
    expect(availableAt(sampleProgram, '1997-01-15T07:00:00-05:00')).toBe('1997-02-14T12:00:00.000Z');
  });

  it('when the window is 0 days, then points unlock at the purchase', () => {
    const now = parseProgram({ ...sampleProgram, pending: { returnWindowDays: 0 } });
    expect(availableAt(now, '1997-01-15T12:00:00Z')).toBe('1997-01-15T12:00:00.000Z');
  });
});

describe('given each kind of expiry', () => {
  it('when points never expire, then there is no expiry date', () => {
    expect(expiresAt(withExpiry({ kind: 'never' }), '1997-01-15T12:00:00Z')).toBeUndefined();
  });

  it('when they expire after 365 days, then a span holding 29 February ends a day earlier in the calendar', () => {
    const year = withExpiry({ kind: 'after_days', days: 365 });
    expect(expiresAt(year, '2028-01-01T00:00:00Z')).toBe('2028-12-31T00:00:00.000Z');
    expect(expiresAt(year, '2027-03-01T08:00:00Z')).toBe('2028-02-29T08:00:00.000Z');
    expect(expiresAt(year, '2026-03-01T08:00:00Z')).toBe('2027-03-01T08:00:00.000Z');
  });

  it('when they expire at the end of the month of unlock, then they lapse at 00:00 UTC on the 1st of the next', () => {
    const month = withExpiry({ kind: 'end_of_month' });
    expect(expiresAt(month, '2028-02-10T10:00:00Z')).toBe('2028-03-01T00:00:00.000Z');
    expect(expiresAt(month, '2027-02-28T23:59:59.999Z')).toBe('2027-03-01T00:00:00.000Z');
    expect(expiresAt(month, '1997-12-31T23:00:00Z')).toBe('1998-01-01T00:00:00.000Z');
    // 23:30 in New York on 31 January is already 1 February in UTC
    expect(expiresAt(month, '1997-01-31T23:30:00-05:00')).toBe('1997-03-01T00:00:00.000Z');
  });

  it('when they expire at the end of the month N months after, then the count is in calendar months', () => {
    expect(expiresAt(withExpiry({ kind: 'end_of_month', monthsAfter: 1 }), '2028-01-31T12:00:00Z')).toBe(
      '2028-03-01T00:00:00.000Z',
    );
    expect(expiresAt(withExpiry({ kind: 'end_of_month', monthsAfter: 12 }), '2027-12-15T12:00:00Z')).toBe(
      '2029-01-01T00:00:00.000Z',
    );
  });

  it('when they expire at the end of the year of unlock (or N years after), then they lapse on 1 January', () => {
    expect(expiresAt(withExpiry({ kind: 'end_of_year' }), '2028-12-31T23:59:00Z')).toBe(
      '2029-01-01T00:00:00.000Z',
    );
    expect(expiresAt(withExpiry({ kind: 'end_of_year', yearsAfter: 1 }), '2028-02-29T12:00:00Z')).toBe(
      '2030-01-01T00:00:00.000Z',
    );
  });

  it('when the unlock time is not an ISO date-time, then a ValidationError names it', () => {
    expect(() => expiresAt(sampleProgram, '31/01/1997')).toThrow(/unlockedAt: must be an ISO-8601 date-time/);
    expect(() => availableAt(sampleProgram, 'soon')).toThrow(ValidationError);
  });
});
