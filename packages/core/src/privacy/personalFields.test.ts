import { arbitraryUserKey } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isRapportError } from '../errors/rapportError';
import { personal } from '../schema/personal';
import { personalRewrite } from './personalFields';

const secret = () => personal(z.string(), 'free-text');
const hide = (value: unknown) => `hidden:${JSON.stringify(value)}`;
const rewriteOf = (schema: z.ZodType) => {
  const rewrite = personalRewrite(schema);
  if (!rewrite) throw new Error('expected the schema to hold personal data');
  return (value: unknown) => rewrite(value, hide);
};

describe('compiling a schema into a rewrite of its personal values', () => {
  it('finds nothing to do in a schema without marks', () => {
    expect(
      personalRewrite(
        z.strictObject({ a: z.string(), b: z.array(z.number()), c: z.record(z.string(), z.string()) }),
      ),
    ).toBeUndefined();
  });

  it('rewrites marked fields of objects, through optional, nullable and default wrappers, and shares the rest', () => {
    const rewrite = rewriteOf(
      z.strictObject({
        id: z.string(),
        note: secret().optional(),
        maybe: secret().nullable(),
        fallback: secret().default('x'),
      }),
    );
    expect(rewrite({ id: 'i', note: 'n', maybe: null, fallback: 'f' })).toEqual({
      id: 'i',
      note: 'hidden:"n"',
      maybe: null,
      fallback: 'hidden:"f"',
    });
    expect(rewrite({ id: 'i', maybe: 'm' })).toEqual({ id: 'i', maybe: 'hidden:"m"' });
  });

  it('rewrites a marked union as one value, whatever member it is', () => {
    const rewrite = rewriteOf(
      z.strictObject({ value: personal(z.union([z.string(), z.number(), z.boolean(), z.null()])) }),
    );
    expect(rewrite({ value: 'Grace' })).toEqual({ value: 'hidden:"Grace"' });
    expect(rewrite({ value: 7 })).toEqual({ value: 'hidden:7' });
    expect(rewrite({ value: false })).toEqual({ value: 'hidden:false' });
    expect(rewrite({ value: null })).toEqual({ value: null });
  });

  it('rewrites every element of arrays of marked values and of objects holding them', () => {
    const rewrite = rewriteOf(
      z.strictObject({
        tags: z.array(secret()),
        people: z.array(z.strictObject({ name: secret(), age: z.number() })),
      }),
    );
    expect(rewrite({ tags: ['a', 'b'], people: [{ name: 'n', age: 3 }] })).toEqual({
      tags: ['hidden:"a"', 'hidden:"b"'],
      people: [{ name: 'hidden:"n"', age: 3 }],
    });
  });

  it('rewrites the marked items of a tuple and its rest', () => {
    const rewrite = rewriteOf(z.tuple([z.string(), secret()], secret()));
    expect(rewrite(['a', 'b', 'c', 'd'])).toEqual(['a', 'hidden:"b"', 'hidden:"c"', 'hidden:"d"']);
    expect(rewriteOf(z.tuple([secret(), z.string()]))(['a', 'b'])).toEqual(['hidden:"a"', 'b']);
  });

  it('picks the option of a discriminated union by its discriminator and of a plain union by a parse of its clear parts', () => {
    const discriminated = rewriteOf(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('a'), text: secret() }),
        z.strictObject({ kind: z.literal('b'), text: z.string() }),
      ]),
    );
    expect(discriminated({ kind: 'a', text: 't' })).toEqual({ kind: 'a', text: 'hidden:"t"' });
    expect(discriminated({ kind: 'b', text: 't' })).toEqual({ kind: 'b', text: 't' });
    const plain = rewriteOf(z.union([z.strictObject({ a: secret() }), z.strictObject({ b: z.string() })]));
    expect(plain({ a: 'x' })).toEqual({ a: 'hidden:"x"' });
    expect(plain({ b: 'x' })).toEqual({ b: 'x' });
  });

  it('picks the same option of a plain union on the way back, when the sealed values no longer parse', () => {
    const rewrite = personalRewrite(
      z.union([
        z.strictObject({ kind: z.literal('mail'), to: personal(z.email(), 'contact') }),
        z.strictObject({ kind: z.literal('call'), seconds: personal(z.number().int(), 'free-text') }),
        z.strictObject({ kind: z.literal('note'), text: secret().optional() }),
      ]),
    )!;
    const unhide = (value: unknown) => JSON.parse(String(value).slice('hidden:'.length));
    const value = fc.oneof(
      fc.record({ kind: fc.constant('mail'), to: fc.emailAddress() }),
      fc.record({ kind: fc.constant('call'), seconds: fc.integer() }),
      fc.record({ kind: fc.constant('note'), text: fc.string() }, { requiredKeys: ['kind'] }),
    );
    fc.assert(
      fc.property(value, (plain) => {
        const sealed = rewrite(plain, hide) as Record<string, unknown>;
        for (const [key, field] of Object.entries(plain)) {
          if (key !== 'kind') expect(sealed[key]).toBe(hide(field));
        }
        expect(rewrite(sealed, unhide)).toEqual(plain);
      }),
    );
  });

  it('picks the option of a discriminated union whose discriminator is an enum', () => {
    const rewrite = rewriteOf(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.enum(['a', 'b']), text: secret() }),
        z.strictObject({ kind: z.literal('c'), text: z.string() }),
      ]),
    );
    expect(rewrite({ kind: 'b', text: 't' })).toEqual({ kind: 'b', text: 'hidden:"t"' });
    expect(rewrite({ kind: 'c', text: 't' })).toEqual({ kind: 'c', text: 't' });
  });

  it('refuses a mark it cannot reach (inside a pipe, a lazy or an intersection) instead of leaving it in clear', () => {
    const hidden = [
      z.strictObject({ a: z.string().pipe(secret()) }),
      z.strictObject({ a: z.lazy(() => z.strictObject({ b: secret() })) }),
      z.intersection(z.strictObject({ a: secret() }), z.object({ b: z.string() })),
    ];
    for (const schema of hidden) {
      const error = (() => {
        try {
          personalRewrite(schema);
        } catch (e) {
          return e;
        }
      })();
      expect(isRapportError(error, 'Configuration') && error.message).toMatch(/cannot be found to be sealed/);
    }
    expect(personalRewrite(z.strictObject({ a: z.string().pipe(z.string()), b: z.date() }))).toBeUndefined();
  });

  it('refuses a record whose keys are marked, since an erased key cannot stay apart from the others', () => {
    const error = (() => {
      try {
        personalRewrite(z.record(secret(), z.string()));
      } catch (e) {
        return e;
      }
    })();
    expect(isRapportError(error, 'Configuration') && error.message).toMatch(/cannot be the key of a record/);
  });

  describe('given any record keyed by user-supplied names', () => {
    it('rewrites every value and keeps every key, __proto__ and constructor included', () => {
      const rewrite = rewriteOf(z.record(z.string(), z.strictObject({ note: secret(), n: z.number() })));
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.tuple(arbitraryUserKey(), fc.string(), fc.integer()), {
            selector: ([key]) => key,
          }),
          (entries) => {
            const value = Object.fromEntries(entries.map(([key, note, n]) => [key, { note, n }]));
            const out = rewrite(value) as Record<string, { note: string; n: number }>;
            expect(Object.keys(out)).toEqual(Object.keys(value));
            for (const [key, note, n] of entries) {
              expect(Object.hasOwn(out, key)).toBe(true);
              expect(Object.getOwnPropertyDescriptor(out, key)?.value).toEqual({ note: hide(note), n });
            }
          },
        ),
      );
    });
  });
});
