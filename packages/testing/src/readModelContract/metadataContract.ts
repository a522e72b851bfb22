import type { DeadLetter } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { commitOf, everything, move, type ReadModelHarness } from './readModelHarness';

const letter = (position: bigint, patch: Partial<DeadLetter> = {}): DeadLetter => ({
  projection: 'p',
  version: 2,
  position,
  eventId: undefined,
  eventType: undefined,
  key: undefined,
  timer: undefined,
  error: { message: `failed at ${position}`, stack: undefined },
  policy: 'skip',
  recordedAt: undefined,
  ...patch,
});

/** Aliases, dead letters, active versions and dropping a collection. */
export const metadataContract = ({ withStore }: ReadModelHarness): void => {
  describe('aliases, dead letters, active versions', () => {
    it('stores aliases, the latest target of a key winning', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            aliases: [
              { from: 'a', to: 'b' },
              { from: 'c', to: 'd' },
            ],
          }),
        );
        await store.commit(commitOf(c, move(1n, 2n), { aliases: [{ from: 'a', to: 'e' }] }));
        const aliases = [...(await store.listAliases(c))].sort((x, y) => (x.from < y.from ? -1 : 1));
        expect(aliases).toEqual([
          { from: 'a', to: 'e' },
          { from: 'c', to: 'd' },
        ]);
        expect(await store.listAliases(name())).toEqual([]);
      }));

    it('upserts dead letters by position and timer, keeps every field, and lists them by position', () =>
      withStore(async (store, name) => {
        const c = name();
        const timer = { key: 'k', name: 'n', at: '2025-01-01T00:00:00.000Z', payload: { x: 1 } };
        const full = letter(5n, {
          eventId: '00000000-0000-7000-8000-000000000005',
          eventType: 'Boom',
          key: 'k',
          error: { message: 'boom', stack: 'Error: boom\n    at evolve (x.ts:1:1)' },
          policy: 'stop',
          recordedAt: '2025-02-01T00:00:00.000Z',
        });
        await store.commit(
          commitOf(c, move(undefined, 4n), {
            deadLetters: [full, letter(3n), letter(5n, { key: 'k', timer })],
          }),
        );
        await store.commit(
          commitOf(c, move(4n, 6n), {
            deadLetters: [letter(5n, { error: { message: 'again', stack: undefined } })],
          }),
        );
        const letters = await store.listDeadLetters(c);
        expect(letters.map((l) => l.position)).toEqual([3n, 5n, 5n]);
        expect(letters[0]).toEqual(letter(3n));
        expect(letters.find((l) => l.timer === undefined && l.position === 5n)).toEqual(
          letter(5n, { error: { message: 'again', stack: undefined } }),
        );
        expect(letters.find((l) => l.timer !== undefined)).toEqual(letter(5n, { key: 'k', timer }));
        expect(await store.listDeadLetters(name())).toEqual([]);
      }));

    it('switches the active version of a projection only through a commit that activates it', () =>
      withStore(async (store, name) => {
        const [c1, c2, p, other] = [name(), name(), name(), name()];
        expect(await store.activeVersion(p)).toBeUndefined();
        await store.commit(commitOf(c1, move(undefined, 1n), { activate: { projection: p, version: 1 } }));
        expect(await store.activeVersion(p)).toBe(1);
        await store.commit(commitOf(c2, move(undefined, 1n), { activate: { projection: p, version: 2 } }));
        expect(await store.activeVersion(p)).toBe(2);
        expect(await store.activeVersion(other)).toBeUndefined();
      }));

    it('drops a collection with everything it holds, and nothing else', () =>
      withStore(async (store, name) => {
        const [c, kept, p] = [name(), name(), name()];
        const full = {
          documents: [{ key: 'a', document: { n: 1 } }],
          timers: [{ kind: 'put' as const, timer: { key: 'a', name: 't', at: '2025-01-01T00:00:00.000Z' } }],
          aliases: [{ from: 'x', to: 'a' }],
          deadLetters: [letter(1n)],
        };
        await store.commit(
          commitOf(c, move(undefined, 2n), { ...full, activate: { projection: p, version: 1 } }),
        );
        await store.commit(commitOf(kept, move(undefined, 2n), full));
        const before = await everything(store, kept, p);
        await store.dropCollection(c);
        expect(await everything(store, c, p)).toEqual({
          documents: {},
          timers: [],
          aliases: [],
          deadLetters: [],
          checkpoint: undefined,
          active: 1,
        });
        expect(await everything(store, kept, p)).toEqual(before);
        await store.commit(commitOf(c, move(undefined, 1n)));
        expect(await store.readCheckpoint(c)).toEqual({ position: 1n, watermark: undefined });
        await store.dropCollection(name());
      }));
  });
};
