import { isConcurrencyConflict, isValidationError } from '@rapport/core';
import type { ReadModelStore } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { commitOf, everything, move, type ReadModelHarness, rejection } from './readModelHarness';

const aliasesOf = async (store: ReadModelStore, collection: string) =>
  [...(await store.listAliases(collection))].sort((x, y) => (x.from < y.from ? -1 : 1));

/** Alias removals (`{ from, to: null }`, what `ctx.release` commits): in the commit's transaction, in order, per tenant. */
export const aliasContract = ({ withStore, withTenants }: ReadModelHarness): void => {
  describe('alias removals', () => {
    it('removes an alias with a null target, with the rest of the commit, and keeps every other alias', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            aliases: [
              { from: 'w', to: 'x' },
              { from: 'x', to: 'a' },
              { from: 'y', to: 'a' },
            ],
          }),
        );
        await store.commit(
          commitOf(c, move(1n, 2n), {
            documents: [{ key: 'x', document: { back: true } }],
            timers: [{ kind: 'put', timer: { key: 'x', name: 'wake', at: '2025-01-01T00:00:00.000Z' } }],
            aliases: [{ from: 'x', to: null }],
          }),
        );
        expect(await aliasesOf(store, c)).toEqual([
          { from: 'w', to: 'x' },
          { from: 'y', to: 'a' },
        ]);
        expect(await store.get(c, 'x')).toEqual({ back: true });
        expect((await store.listTimers(c)).map((timer) => timer.key)).toEqual(['x']);
      }));

    it('does nothing when removing an alias that does not exist, here or in another collection', () =>
      withStore(async (store, name) => {
        const [c, other] = [name(), name()];
        await store.commit(commitOf(other, move(undefined, 1n), { aliases: [{ from: 'x', to: 'a' }] }));
        await store.commit(commitOf(c, move(undefined, 1n), { aliases: [{ from: 'x', to: null }] }));
        await store.commit(
          commitOf(c, move(1n, 2n), {
            aliases: [
              { from: 'k', to: 'a' },
              { from: 'never', to: null },
            ],
          }),
        );
        expect(await aliasesOf(store, c)).toEqual([{ from: 'k', to: 'a' }]);
        expect(await aliasesOf(store, other)).toEqual([{ from: 'x', to: 'a' }]);
        expect(await store.readCheckpoint(c)).toEqual({ position: 2n, watermark: undefined });
      }));

    it('applies the alias changes of a commit in order: the last change of a key wins', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            aliases: [
              { from: 'kept', to: 'a' },
              { from: 'moved', to: 'a' },
            ],
          }),
        );
        await store.commit(
          commitOf(c, move(1n, 2n), {
            aliases: [
              // released and merged again in one batch
              { from: 'kept', to: null },
              { from: 'kept', to: 'b' },
              // merged and released in one batch
              { from: 'fresh', to: 'b' },
              { from: 'fresh', to: null },
              { from: 'moved', to: null },
              { from: 'moved', to: 'c' },
              { from: 'moved', to: null },
            ],
          }),
        );
        expect(await aliasesOf(store, c)).toEqual([{ from: 'kept', to: 'b' }]);
      }));

    it('removes nothing when the commit is refused', () =>
      withStore(async (store, name) => {
        const [c, p] = [name(), name()];
        await store.commit(commitOf(c, move(undefined, 1n), { aliases: [{ from: 'x', to: 'a' }] }));
        const before = await everything(store, c, p);
        const error = await rejection(
          store.commit(commitOf(c, move(0n, 2n), { aliases: [{ from: 'x', to: null }] })),
        );
        expect(isConcurrencyConflict(error)).toBe(true);
        expect(await everything(store, c, p)).toEqual(before);
      }));

    it('refuses an alias whose target is neither a key nor null, naming it, and writes nothing', () =>
      withStore(async (store, name) => {
        const [c, p] = [name(), name()];
        await store.commit(commitOf(c, move(undefined, 1n), { aliases: [{ from: 'x', to: 'a' }] }));
        const before = await everything(store, c, p);
        for (const to of [undefined, 42, { key: 'a' }]) {
          const error = await rejection(
            store.commit(
              commitOf(c, move(1n, 2n), {
                documents: [{ key: 'a', document: { n: 1 } }],
                aliases: [
                  { from: 'x', to: null },
                  { from: 'y', to: to as never },
                ],
              }),
            ),
          );
          expect(isValidationError(error)).toBe(true);
          expect((error as Error).message).toContain('aliases[1].to');
        }
        expect(await everything(store, c, p)).toEqual(before);
      }));

    it.skipIf(withTenants === undefined)('removes an alias of its own tenant only', () =>
      withTenants!(async ([mine, theirs], name) => {
        const c = name();
        for (const store of [mine, theirs])
          await store.commit(commitOf(c, move(undefined, 1n), { aliases: [{ from: 'x', to: 'a' }] }));
        await mine.commit(commitOf(c, move(1n, 2n), { aliases: [{ from: 'x', to: null }] }));
        expect(await mine.listAliases(c)).toEqual([]);
        expect(await theirs.listAliases(c)).toEqual([{ from: 'x', to: 'a' }]);
        await theirs.commit(commitOf(c, move(1n, 2n), { aliases: [{ from: 'x', to: 'b' }] }));
        expect(await mine.listAliases(c)).toEqual([]);
        expect(await theirs.listAliases(c)).toEqual([{ from: 'x', to: 'b' }]);
      }),
    );
  });
};
