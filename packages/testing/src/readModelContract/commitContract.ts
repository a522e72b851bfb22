import { isConcurrencyConflict } from '@rapport/core';
import type { DeadLetter } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import {
  allDocuments,
  commitOf,
  everything,
  move,
  type ReadModelHarness,
  rejection,
} from './readModelHarness';

const letter = (position: bigint, message: string): DeadLetter => ({
  projection: 'p',
  version: 1,
  position,
  eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
  eventType: 'Boom',
  key: 'a',
  timer: undefined,
  error: { message, stack: `Error: ${message}\n    at evolve` },
  policy: 'stop',
  recordedAt: '2025-01-01T00:00:00.000Z',
});

/** The commit: everything in one transaction, guarded by the expected checkpoint, all or nothing. */
export const commitContract = ({ withStore }: ReadModelHarness): void => {
  describe('commit', () => {
    it('has no checkpoint before the first commit, then the one committed', () =>
      withStore(async (store, name) => {
        const c = name();
        expect(await store.readCheckpoint(c)).toBeUndefined();
        await store.commit(commitOf(c, move(undefined, 0n)));
        expect(await store.readCheckpoint(c)).toEqual({ position: 0n, watermark: undefined });
        const far = 2n ** 62n + 3n;
        await store.commit(
          commitOf(c, { expected: 0n, next: { position: far, watermark: '2025-03-01T10:00:00.000Z' } }),
        );
        expect(await store.readCheckpoint(c)).toEqual({
          position: far,
          watermark: '2025-03-01T10:00:00.000Z',
        });
      }));

    it('writes documents, timers, aliases, dead letters, the checkpoint and the active version together', () =>
      withStore(async (store, name) => {
        const [c, p] = [name(), name()];
        await store.commit(
          commitOf(c, move(undefined, 7n), {
            documents: [{ key: 'a', document: { n: 1 } }],
            timers: [{ kind: 'put', timer: { key: 'a', name: 'wake', at: '2025-01-02T00:00:00.000Z' } }],
            aliases: [{ from: 'old', to: 'a' }],
            deadLetters: [letter(5n, 'boom')],
            activate: { projection: p, version: 1 },
          }),
        );
        expect(await everything(store, c, p)).toEqual({
          documents: { a: { n: 1 } },
          timers: [{ key: 'a', name: 'wake', at: '2025-01-02T00:00:00.000Z' }],
          aliases: [{ from: 'old', to: 'a' }],
          deadLetters: [letter(5n, 'boom')],
          checkpoint: { position: 7n, watermark: undefined },
          active: 1,
        });
      }));

    it('applies document changes in order: the last change of a key wins and null deletes', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            documents: [
              { key: 'gone', document: { n: 0 } },
              { key: 'kept', document: { n: 0 } },
            ],
          }),
        );
        await store.commit(
          commitOf(c, move(1n, 2n), {
            documents: [
              { key: 'a', document: { n: 1 } },
              { key: 'b', document: { n: 1 } },
              { key: 'a', document: { n: 2 } },
              { key: 'b', document: null },
              { key: 'gone', document: null },
              { key: 'never', document: null },
              { key: 'back', document: null },
              { key: 'back', document: { n: 3 } },
            ],
          }),
        );
        expect(await allDocuments(store, c)).toEqual({ a: { n: 2 }, back: { n: 3 }, kept: { n: 0 } });
      }));

    it('refuses a commit whose expected checkpoint is not the stored one, and writes nothing of it', () =>
      withStore(async (store, name) => {
        const [c, p] = [name(), name()];
        await store.commit(
          commitOf(c, move(undefined, 3n), { documents: [{ key: 'a', document: { n: 1 } }] }),
        );
        const before = await everything(store, c, p);
        const full = {
          documents: [
            { key: 'a', document: { n: 99 } },
            { key: 'b', document: { n: 99 } },
          ],
          timers: [{ kind: 'put' as const, timer: { key: 'a', name: 't', at: '2025-01-01T00:00:00.000Z' } }],
          aliases: [{ from: 'x', to: 'a' }],
          deadLetters: [letter(4n, 'no')],
          activate: { projection: p, version: 2 },
        };
        for (const expected of [undefined, 2n, 4n]) {
          const error = await rejection(store.commit(commitOf(c, move(expected, 9n), full)));
          expect(isConcurrencyConflict(error)).toBe(true);
        }
        expect(await everything(store, c, p)).toEqual(before);
        await store.commit(commitOf(c, move(3n, 9n), full));
        expect((await everything(store, c, p)).checkpoint).toEqual({ position: 9n, watermark: undefined });
      }));

    it('lets exactly one of several concurrent commits with the same expectation through', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(commitOf(c, move(undefined, 1n)));
        const attempts = [1, 2, 3, 4].map((n) =>
          store.commit(
            commitOf(c, move(1n, BigInt(10 + n)), {
              documents: [
                { key: 'shared', document: { by: n } },
                { key: `only-${n}`, document: { by: n } },
              ],
              timers: [
                { kind: 'put', timer: { key: 'shared', name: `t${n}`, at: '2025-01-01T00:00:00.000Z' } },
              ],
            }),
          ),
        );
        const outcomes = await Promise.allSettled(attempts);
        const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i + 1] : []));
        expect(won).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(isConcurrencyConflict(outcome.reason)).toBe(true);
        }
        const n = won[0]!;
        expect(await allDocuments(store, c)).toEqual({ shared: { by: n }, [`only-${n}`]: { by: n } });
        expect((await store.listTimers(c)).map((t) => t.name)).toEqual([`t${n}`]);
        expect(await store.readCheckpoint(c)).toEqual({ position: BigInt(10 + n), watermark: undefined });
      }));

    it('keeps collections apart', () =>
      withStore(async (store, name) => {
        const [c1, c2] = [name(), name()];
        await store.commit(commitOf(c1, move(undefined, 1n), { documents: [{ key: 'a', document: 1 }] }));
        await store.commit(commitOf(c2, move(undefined, 5n), { documents: [{ key: 'a', document: 2 }] }));
        expect(await store.get(c1, 'a')).toBe(1);
        expect(await store.get(c2, 'a')).toBe(2);
        expect((await store.readCheckpoint(c1))?.position).toBe(1n);
        expect((await store.readCheckpoint(c2))?.position).toBe(5n);
      }));
  });
};
