import { isValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { commitOf, move, type ReadModelHarness, rejection } from './readModelHarness';

class Money {
  constructor(readonly amount: number) {}
}

const cyclic = (): Record<string, unknown> => {
  const node: Record<string, unknown> = { name: 'loop' };
  node.self = node;
  return node;
};

/** Values no JSON column keeps as they are, each with the path and the words its refusal must name. */
const unstorable: readonly (readonly [string, () => unknown, string, RegExp])[] = [
  ['a bigint', () => ({ orders: [{ total: 12n }] }), 'orders[0].total', /JSON/],
  ['a Date', () => ({ since: new Date(0) }), 'since', /plain object/],
  ['NaN', () => ({ ratio: Number.NaN }), 'ratio', /finite/],
  ['Infinity', () => ({ ratio: Number.POSITIVE_INFINITY }), 'ratio', /finite/],
  ['a Map', () => ({ counts: new Map([['a', 1]]) }), 'counts', /plain object/],
  ['a Set', () => ({ tags: new Set(['a']) }), 'tags', /plain object/],
  ['a class instance', () => ({ price: new Money(5) }), 'price', /plain object/],
  ['undefined in an array', () => ({ list: [1, undefined] }), 'list[1]', /JSON/],
  ['a function', () => ({ run: () => 1 }), 'run', /JSON/],
  ['a cycle', cyclic, 'self', /cycle/],
];

/** The document rule: every store accepts and refuses the same documents, naming the path of what it refuses. */
export const documentRuleContract = ({ withStore }: ReadModelHarness): void => {
  describe('the document rule', () => {
    it.each(unstorable)(
      'refuses %s in a committed document, naming where, and writes nothing',
      (_, make, path, rule) =>
        withStore(async (store, name) => {
          const c = name();
          await store.commit(
            commitOf(c, move(undefined, 1n), { documents: [{ key: 'kept', document: { n: 1 } }] }),
          );
          const refused = await rejection(
            store.commit(
              commitOf(c, move(1n, 2n), {
                documents: [
                  { key: 'fine', document: { n: 2 } },
                  { key: 'bad', document: make() as never },
                ],
              }),
            ),
          );
          expect(isValidationError(refused)).toBe(true);
          expect((refused as Error).message).toContain(`documents[1].document.${path}`);
          expect((refused as Error).message).toMatch(rule);
          expect(await store.get(c, 'fine')).toBeUndefined();
          expect(await store.get(c, 'bad')).toBeUndefined();
          expect(await store.readCheckpoint(c)).toEqual({ position: 1n, watermark: undefined });
        }),
    );

    it.each(unstorable)('refuses %s in a document put on its own', (_, make, path) =>
      withStore(async (store, name) => {
        const c = name();
        const refused = await rejection(store.put(c, 'bad', make() as never));
        expect(isValidationError(refused)).toBe(true);
        expect((refused as Error).message).toContain(`document.${path}`);
        expect(await store.get(c, 'bad')).toBeUndefined();
      }),
    );

    it('accepts a document with an undefined property, which JSON leaves out', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.put(c, 'a', { kept: 1, dropped: undefined } as never);
        expect(((await store.get(c, 'a')) as Record<string, unknown>).kept).toBe(1);
      }));
  });
};
