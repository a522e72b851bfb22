import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileKeys } from '../arbitraries/hostile';
import type { ReadModelHarness } from './readModelHarness';

/** Any JSON value but a bare null (which deletes), as it survives `JSON.stringify`, strings of any code unit. */
const jsonDocument = fc
  .jsonValue({ maxDepth: 3, stringUnit: 'binary' })
  .filter((value) => value !== null)
  .map((value) => JSON.parse(JSON.stringify(value)) as never);

const oddKeys = [
  '',
  ' ',
  'a\u0000b',
  'ä',
  '😀',
  'a\\b',
  "o'k",
  '%_',
  'x"y',
  '\u001e',
  'new\nline',
  ...hostileKeys,
];

/** Documents: single reads and writes, many reads, JSON fidelity and listing by prefix with paging. */
export const documentsContract = ({ withStore }: ReadModelHarness): void => {
  describe('documents', () => {
    it('reads back what was put, and nothing for a missing key or another collection', () =>
      withStore(async (store, name) => {
        const [c, other] = [name(), name()];
        await store.put(c, 'a', { n: 1, tags: ['x'], nested: { ok: true } });
        expect(await store.get(c, 'a')).toEqual({ n: 1, tags: ['x'], nested: { ok: true } });
        expect(await store.get(c, 'b')).toBeUndefined();
        expect(await store.get(other, 'a')).toBeUndefined();
        await store.put(c, 'a', { n: 2 });
        expect(await store.get(c, 'a')).toEqual({ n: 2 });
        await store.delete(c, 'a');
        expect(await store.get(c, 'a')).toBeUndefined();
        await store.delete(c, 'never-there');
        await store.put(c, 'z', 3);
        await store.put(c, 'z', null);
        expect(await store.get(c, 'z')).toBeUndefined();
      }));

    it('reads many documents at once, leaving absent keys out', () =>
      withStore(async (store, name) => {
        const c = name();
        for (const key of ['a', 'b', 'c']) await store.put(c, key, { key });
        const found = await store.getMany(c, ['c', 'a', 'missing', 'a']);
        expect([...found.keys()].sort()).toEqual(['a', 'c']);
        expect(found.get('c')).toEqual({ key: 'c' });
        expect((await store.getMany(c, [])).size).toBe(0);
      }));

    it('keeps keys with any characters apart', () =>
      withStore(async (store, name) => {
        const c = name();
        for (const [i, key] of oddKeys.entries()) await store.put(c, key, i);
        for (const [i, key] of oddKeys.entries()) expect(await store.get(c, key)).toBe(i);
        const many = await store.getMany(c, oddKeys);
        expect(new Map(oddKeys.map((key, i) => [key, i]))).toEqual(many);
      }));

    it('stores any JSON document as it was given', () =>
      withStore(async (store, name) => {
        const c = name();
        await fc.assert(
          fc.asyncProperty(jsonDocument, async (document) => {
            await store.put(c, 'doc', document);
            expect(await store.get(c, 'doc')).toEqual(document);
          }),
          { numRuns: 60 },
        );
      }));

    it('keeps object keys named like Object.prototype members as own keys, __proto__ included', () =>
      withStore(async (store, name) => {
        const c = name();
        // how a read model builds one: every key an own property (`JSON.parse` makes `__proto__` one too)
        const document = JSON.parse(
          `{${hostileKeys.map((key, i) => `"${key}":{"n":${i},"${key}":[${i}]}`).join(',')}}`,
        ) as Record<string, unknown>;
        await store.put(c, 'doc', document as never);
        const back = (await store.get(c, 'doc')) as Record<string, unknown>;
        expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
        expect(Object.keys(back)).toEqual([...hostileKeys]);
        for (const [i, key] of hostileKeys.entries()) {
          expect(Object.hasOwn(back, key)).toBe(true);
          expect(JSON.stringify(back[key])).toBe(`{"n":${i},"${key}":[${i}]}`);
        }
      }));

    it('lists documents by prefix in key order, page by page', () =>
      withStore(async (store, name) => {
        const c = name();
        for (const key of ['b1', 'a10', 'a', 'a2', 'ab', 'a1', 'B', '', 'x%1', 'xa1', 'x_1'])
          await store.put(c, key, { key });
        const keys = async (options: Parameters<typeof store.list>[1]) => {
          const page = await store.list(c, options);
          return { keys: page.documents.map((d) => d.key), next: page.next };
        };
        expect(await keys({ prefix: 'a', limit: 2 })).toEqual({ keys: ['a', 'a1'], next: 'a1' });
        expect(await keys({ prefix: 'a', after: 'a1', limit: 2 })).toEqual({
          keys: ['a10', 'a2'],
          next: 'a2',
        });
        expect(await keys({ prefix: 'a', after: 'a2', limit: 2 })).toEqual({ keys: ['ab'], next: undefined });
        expect(await keys({ prefix: 'a', limit: 5 })).toEqual({
          keys: ['a', 'a1', 'a10', 'a2', 'ab'],
          next: undefined,
        });
        expect(await keys({ prefix: 'x%' })).toEqual({ keys: ['x%1'], next: undefined });
        expect(await keys({ prefix: 'x_' })).toEqual({ keys: ['x_1'], next: undefined });
        expect(await keys({ prefix: 'b', after: 'a' })).toEqual({ keys: ['b1'], next: undefined });
        expect(await keys({ prefix: 'q' })).toEqual({ keys: [], next: undefined });
        expect(await keys({})).toEqual({
          keys: ['', 'B', 'a', 'a1', 'a10', 'a2', 'ab', 'b1', 'x%1', 'x_1', 'xa1'],
          next: undefined,
        });
        expect(await keys({ after: 'ab', limit: 2 })).toEqual({ keys: ['b1', 'x%1'], next: 'x%1' });
        expect((await store.list(name())).documents).toEqual([]);
        const page = await store.list(c, { prefix: 'b' });
        expect(page.documents).toEqual([{ key: 'b1', document: { key: 'b1' } }]);
      }));
  });
};
