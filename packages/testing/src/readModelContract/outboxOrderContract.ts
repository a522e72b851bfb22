import { describe, expect, it } from 'vitest';
import { at, claimAll, effect, idsOf, mine } from './outboxFixtures';
import { commitOf, move, type ReadModelHarness } from './readModelHarness';

const error = { message: 'connection reset', code: undefined };

/**
 * The outbox runs a reactor's commands for one document one at a time, in the order they entered: a command decided
 * after another may depend on it (a reversal on the earning before it), and dispatchers run a claim's effects
 * concurrently. Messages, and commands of other documents or reactors, are not held back.
 */
export const outboxOrderContract = ({ withStore }: ReadModelHarness): void => {
  describe('outbox: commands of one document in order', () => {
    const command = (reactor: string, n: number, key = 'k') =>
      effect(reactor, n, {
        id: `${reactor}:${key}:${n}`,
        kind: 'command',
        key,
        type: 'Award',
        name: 'Award',
      });

    it('claims only the first pending command of a document, and the next once it is sent or dead', () =>
      withStore(async (store, name) => {
        const [c, r, other] = [name(), name(), name()];
        const effects = [
          command(r, 1),
          command(r, 2),
          command(r, 3),
          effect(r, 4, { key: 'k', id: `${r}:k:message` }),
          command(r, 5, 'k2'),
          command(other, 6),
        ];
        await store.commit(commitOf(c, move(undefined, 1n), { effects, recordedAt: at(1) }));
        const first = await claimAll(store, at(1));
        expect(idsOf(mine(r, first))).toEqual([`${r}:k:1`, `${r}:k:message`, `${r}:k2:5`]);
        expect(idsOf(mine(other, first))).toEqual([`${other}:k:6`]);
        // the lease on the first runs out: it is claimed again, and the second still waits
        expect(idsOf(mine(r, await claimAll(store, at(50), 'w2', at(55))))).toEqual([
          `${r}:k:1`,
          `${r}:k:message`,
          `${r}:k2:5`,
        ]);
        expect(await store.outbox.settle(`${r}:k:1`, { outcome: 'sent', owner: 'w2', at: at(51) })).toBe(
          true,
        );
        expect(idsOf(mine(r, await claimAll(store, at(51), 'w3', at(55))))).toEqual([`${r}:k:2`]);
        expect(
          await store.outbox.settle(`${r}:k:2`, { outcome: 'dead', owner: 'w3', at: at(52), error }),
        ).toBe(true);
        expect(idsOf(mine(r, await claimAll(store, at(52), 'w4', at(55))))).toEqual([`${r}:k:3`]);
      }));

    it('holds the next command back while the one ahead waits for its retry, and lets it go after', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        await store.commit(
          commitOf(c, move(undefined, 1n), { effects: [command(r, 1), command(r, 2)], recordedAt: at(1) }),
        );
        expect(idsOf(mine(r, await claimAll(store, at(1))))).toEqual([`${r}:k:1`]);
        await store.outbox.settle(`${r}:k:1`, {
          outcome: 'failed',
          owner: 'w1',
          at: at(2),
          error,
          retryAt: at(10),
        });
        expect(idsOf(mine(r, await claimAll(store, at(5), 'w2')))).toEqual([]);
        expect(idsOf(mine(r, await claimAll(store, at(10), 'w2', at(20))))).toEqual([`${r}:k:1`]);
        await store.outbox.settle(`${r}:k:1`, { outcome: 'sent', owner: 'w2', at: at(11) });
        expect(idsOf(mine(r, await claimAll(store, at(11), 'w3')))).toEqual([`${r}:k:2`]);
      }));

    it('puts a dead command retried by hand back in its place in the line', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        await store.commit(
          commitOf(c, move(undefined, 1n), { effects: [command(r, 1), command(r, 2)], recordedAt: at(1) }),
        );
        await claimAll(store, at(1), 'w1', at(2));
        await store.outbox.settle(`${r}:k:1`, { outcome: 'dead', owner: 'w1', at: at(2), error });
        await store.outbox.retry(`${r}:k:1`, at(3));
        // the second was never claimable behind it, and is not now: the first goes ahead of it again
        expect(idsOf(mine(r, await claimAll(store, at(3), 'w2')))).toEqual([`${r}:k:1`]);
      }));
  });
};
