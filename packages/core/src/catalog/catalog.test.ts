import { arbitraryTouchpoint } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { touchpointRegistry } from '../registry/touchpointRegistry';
import { touchpointEvents } from './index';

const INVALID_LEAF = { invalid: true };

/** Every path to a value inside `value`, with a copy of `root` where that value is replaced by an invalid one. */
const mutations = (root: unknown): { path: string; mutated: unknown }[] => {
  const out: { path: string; mutated: unknown }[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (path.length > 0) {
      const replacement = value !== null && typeof value === 'object' ? 42 : INVALID_LEAF;
      const mutated = structuredClone(root) as Record<string | number, unknown>;
      let cursor: Record<string | number, unknown> = mutated;
      for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
      cursor[path[path.length - 1]!] = replacement;
      out.push({ path: path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join(''), mutated });
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, [...path, i]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(root, []);
  return out;
};

describe('the touchpoint catalog', () => {
  it('covers every family a CRM records, with unique PascalCase types', () => {
    const families = new Set(touchpointEvents.map((d) => d.family));
    for (const family of [
      'identity',
      'contact',
      'consent',
      'commerce',
      'credit',
      'communication',
      'marketing',
      'service',
      'feedback',
      'web',
      'loyalty',
    ]) {
      expect(families).toContain(family);
    }
    expect(new Set(touchpointEvents.map((d) => d.type)).size).toBe(touchpointEvents.length);
    expect(touchpointEvents.length).toBeGreaterThanOrEqual(45);
  });

  describe.each(touchpointEvents.map((d) => [d.type] as const))('%s', (type) => {
    it('round-trips any valid data through its schema and through JSON', () => {
      fc.assert(
        fc.property(arbitraryTouchpoint(type), (event) => {
          const parsed = touchpointRegistry.validate(type, event.data);
          expect(parsed.success).toBe(true);
          const again = touchpointRegistry.validate(
            type,
            JSON.parse(JSON.stringify(parsed.success && parsed.value)),
          );
          expect(again).toEqual(parsed);
        }),
        { numRuns: 40 },
      );
    });

    it('rejects every invalid field with a message that names it', () => {
      fc.assert(
        fc.property(arbitraryTouchpoint(type), (event) => {
          for (const { path, mutated } of mutations(event.data)) {
            const result = touchpointRegistry.validate(type, mutated);
            expect(result.success, `data${path} replaced by an invalid value was accepted`).toBe(false);
            if (!result.success) {
              expect(
                result.issues.map((i) => i.path).some((p) => p.startsWith(`data${path}`)),
                `no issue names data${path}: ${JSON.stringify(result.issues)}`,
              ).toBe(true);
            }
          }
          const extra = touchpointRegistry.validate(type, { ...(event.data as object), unexpectedField: 1 });
          expect(extra.success).toBe(false);
        }),
        { numRuns: 15 },
      );
    });
  });
});
