import { arbitraryTouchpoint } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalRewrite } from '../privacy/personalFields';
import { schemaFields } from '../privacy/schemaFields';
import { clearStringFields } from './clearFields';
import { touchpointEvents } from './index';

const MARK = '\u0000rewritten';

/** Walks `original` and `rewritten` side by side: personal paths must hold MARK, every other leaf its own value. */
const expectRewrittenExactly = (
  original: unknown,
  rewritten: unknown,
  personalPaths: ReadonlySet<string>,
  path = '',
): void => {
  if (personalPaths.has(path) && original !== null && original !== undefined) {
    expect(rewritten, `data.${path} is personal and was left as it was`).toBe(MARK);
    return;
  }
  if (Array.isArray(original)) {
    expect(Array.isArray(rewritten), `data.${path} lost its shape`).toBe(true);
    for (const [i, item] of original.entries())
      expectRewrittenExactly(item, (rewritten as unknown[])[i], personalPaths, `${path}[]`);
    return;
  }
  if (original !== null && typeof original === 'object') {
    for (const [key, item] of Object.entries(original)) {
      const next = path === '' ? key : `${path}.${key}`;
      expectRewrittenExactly(item, (rewritten as Record<string, unknown>)[key], personalPaths, next);
    }
    return;
  }
  expect(rewritten, `data.${path} is not personal and was rewritten`).toBe(original);
};

describe('personal data in the catalog', () => {
  describe.each(touchpointEvents.map((d) => [d.type, d] as const))('%s', (type, definition) => {
    const fields = schemaFields(definition.schema);
    const clear: Readonly<Record<string, string>> = clearStringFields[type];

    it('has every free string field marked personal or kept in clear for a stated reason', () => {
      const unclassified = fields
        .filter((f) => f.kind === 'string' && f.category === undefined && !Object.hasOwn(clear, f.path))
        .map((f) => f.path);
      expect(
        unclassified,
        `mark these personal() in the schema, or add them to clearStringFields.${type} with the reason they are not personal`,
      ).toEqual([]);
    });

    it('gives reasons only for fields that exist and are kept in clear, one line each', () => {
      const clearPaths = new Set(fields.filter((f) => f.category === undefined).map((f) => f.path));
      for (const [path, reason] of Object.entries(clear)) {
        expect(clearPaths.has(path), `clearStringFields.${type}['${path}'] names no clear field`).toBe(true);
        expect(reason, 'a reason is one line of 10 to 200 characters, without a table bar').toMatch(
          /^[^\n|]{10,200}$/,
        );
      }
    });

    it('marks values, not the objects or arrays around them, so erased data keeps its shape', () => {
      for (const field of fields.filter((f) => f.category !== undefined)) {
        expect(field.markedAt, `${type}.${field.path} is erased with the container it sits in`).toBe(
          field.path,
        );
      }
    });

    it('has exactly its marked fields rewritten by the encryption, in any valid event', () => {
      const personalPaths = new Set(fields.filter((f) => f.category !== undefined).map((f) => f.path));
      const rewrite = personalRewrite(definition.schema);
      expect(rewrite === undefined).toBe(personalPaths.size === 0);
      fc.assert(
        fc.property(arbitraryTouchpoint(type), (event) => {
          const rewritten = rewrite ? rewrite(event.data, () => MARK) : event.data;
          expectRewrittenExactly(event.data, rewritten, personalPaths);
        }),
        { numRuns: 30 },
      );
    });
  });
});
