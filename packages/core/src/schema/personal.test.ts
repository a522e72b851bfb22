import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isPersonal, personal, personalCategory } from './personal';
import { labelSchema } from './primitives';

describe('marking a schema personal', () => {
  it('marks a copy, so a shared schema stays clear in every other field', () => {
    const shared = z.string().max(10);
    const marked = personal(shared, 'free-text');
    expect(isPersonal(marked)).toBe(true);
    expect(personalCategory(marked)).toBe('free-text');
    expect(isPersonal(shared)).toBe(false);
    expect(isPersonal(labelSchema)).toBe(false);
  });

  it('keeps validating as the schema it copies', () => {
    const marked = personal(z.string().max(3));
    expect(marked.safeParse('abc').success).toBe(true);
    expect(marked.safeParse('abcd').success).toBe(false);
  });

  it('survives a description or metadata added afterwards', () => {
    expect(isPersonal(personal(z.string(), 'contact').describe('a phone'))).toBe(true);
    expect(personalCategory(personal(z.string(), 'contact').meta({ title: 'x' }))).toBe('contact');
  });
});
