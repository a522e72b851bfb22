import { isIllegalState, isNotFound, isValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { at, claimAll, effect, idsOf, mine } from './outboxFixtures';
import { commitOf, move, type ReadModelHarness, rejection } from './readModelHarness';

/** The outbox: effects enter with a reactor's commit, once per id, and are leased, settled and retried by dispatchers. */
export const outboxContract = ({ withStore, withTenants }: ReadModelHarness): void => {
  describe('outbox', () => {
    it('adds a commit’s effects as pending, with what caused them, in the commit’s transaction', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        const effects = [
          effect(r, 1),
          effect(r, 2, { kind: 'command', type: 'Award', name: 'Award', id: `${r}:x` }),
        ];
        await store.commit(commitOf(c, move(undefined, 1n), { effects, recordedAt: at(1) }));
        const first = await store.outbox.get(effects[0]!.id);
        expect(first).toEqual({
          ...effects[0],
          status: 'pending',
          attempts: 0,
          createdAt: at(1),
          dueAt: at(1),
          history: [{ at: at(1), what: 'created' }],
        });
        expect((await store.outbox.get(`${r}:x`))?.kind).toBe('command');
        expect(idsOf((await store.outbox.list({ reactor: r })).entries)).toEqual([effects[0]!.id, `${r}:x`]);
      }));

    it('writes no effect when the commit is refused (a stale checkpoint or a bad effect), and names the bad field', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        await store.commit(commitOf(c, move(undefined, 1n)));
        await rejection(
          store.commit(commitOf(c, move(0n, 2n), { effects: [effect(r, 1)], recordedAt: at(1) })),
        );
        const bad = await rejection(
          store.commit(
            commitOf(c, move(1n, 2n), {
              effects: [effect(r, 2), effect(r, 3, { payload: { amount: Number.NaN } })],
              recordedAt: at(1),
            }),
          ),
        );
        expect(isValidationError(bad)).toBe(true);
        expect((bad as Error).message).toContain('effects[1].payload.amount');
        const undated = await rejection(store.commit(commitOf(c, move(1n, 2n), { effects: [effect(r, 4)] })));
        expect((undated as Error).message).toContain('recordedAt');
        expect((await store.outbox.list({ reactor: r })).entries).toEqual([]);
        expect(await store.readCheckpoint(c)).toEqual({ position: 1n, watermark: undefined });
      }));

    it('leaves an effect whose id is already there as it is: a replay or a new version adds and resets nothing', () =>
      withStore(async (store, name) => {
        const [c, d, r] = [name(), name(), name()];
        await store.commit(commitOf(c, move(undefined, 1n), { effects: [effect(r, 1)], recordedAt: at(1) }));
        const [claimed] = await claimAll(store, at(2));
        expect(claimed?.id).toBe(effect(r, 1).id);
        await store.outbox.settle(claimed!.id, { outcome: 'sent', owner: 'w1', at: at(3) });
        const again = effect(r, 1, { version: 2, payload: { changed: true } });
        await store.commit(
          commitOf(d, move(undefined, 1n), { effects: [again, effect(r, 2)], recordedAt: at(4) }),
        );
        const kept = await store.outbox.get(again.id);
        expect(kept).toMatchObject({
          status: 'sent',
          version: 1,
          payload: effect(r, 1).payload,
          createdAt: at(1),
        });
        expect(kept?.history.map((line) => line.what)).toEqual(['created', 'sent']);
        expect(idsOf(mine(r, await claimAll(store, at(5))))).toEqual([effect(r, 2).id]);
        await store.dropCollection(c);
        expect(await store.outbox.get(again.id)).toBeDefined();
      }));

    it('keeps the first of two effects with one id in a commit', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            effects: [effect(r, 1), effect(r, 1, { payload: 'second' })],
            recordedAt: at(1),
          }),
        );
        expect((await store.outbox.list({ reactor: r })).entries.map((entry) => entry.payload)).toEqual([
          effect(r, 1).payload,
        ]);
      }));

    it('claims due effects oldest due first, holds back those not yet due, and leases each to one owner', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            effects: [effect(r, 1, { notBefore: at(30) }), effect(r, 2), effect(r, 3, { notBefore: at(5) })],
            recordedAt: at(1),
          }),
        );
        expect(idsOf(mine(r, await claimAll(store, at(0))))).toEqual([]);
        const first = await store.outbox.claim({ now: at(10), limit: 1, owner: 'w1', leaseUntil: at(20) });
        expect(idsOf(first)).toEqual([effect(r, 2).id]);
        expect(idsOf(mine(r, await claimAll(store, at(10), 'w2', at(20))))).toEqual([effect(r, 3).id]);
        expect(idsOf(mine(r, await claimAll(store, at(19), 'w3')))).toEqual([]);
        // a lease that ran out (its dispatcher died) lets another claim it; the first owner can no longer settle it
        expect(idsOf(mine(r, await claimAll(store, at(20), 'w3')))).toEqual([
          effect(r, 2).id,
          effect(r, 3).id,
        ]);
        expect(await store.outbox.settle(effect(r, 2).id, { outcome: 'sent', owner: 'w1', at: at(21) })).toBe(
          false,
        );
        expect(idsOf(mine(r, await claimAll(store, at(30), 'w4', at(40))))).toEqual([effect(r, 1).id]);
      }));

    it('claims effects due at the same instant in the order they entered, not by id, again after a failed try', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        // ids sort against the order they enter, as random ids of real causes often do
        const effects = [9, 1, 5].map((n) => effect(r, n, { id: `${r}:${n}` }));
        await store.commit(commitOf(c, move(undefined, 1n), { effects, recordedAt: at(1) }));
        const claimed = mine(r, await claimAll(store, at(1)));
        expect(idsOf(claimed)).toEqual([`${r}:9`, `${r}:1`, `${r}:5`]);
        const error = { message: '421 service not available', code: undefined };
        for (const { id } of [...claimed].reverse()) {
          await store.outbox.settle(id, { outcome: 'failed', owner: 'w1', at: at(2), error, retryAt: at(3) });
        }
        expect(idsOf(mine(r, await claimAll(store, at(3), 'w2')))).toEqual([`${r}:9`, `${r}:1`, `${r}:5`]);
      }));

    it('records sent for good, failed with its error and next try, dead with its error; only by the lease holder', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        const [a, b, d] = [effect(r, 1), effect(r, 2), effect(r, 3)];
        await store.commit(commitOf(c, move(undefined, 1n), { effects: [a, b, d], recordedAt: at(1) }));
        await claimAll(store, at(1));
        const error = { message: 'smtp 451 try later', code: undefined };
        expect(await store.outbox.settle(a.id, { outcome: 'sent', owner: 'other', at: at(2) })).toBe(false);
        expect(await store.outbox.settle(a.id, { outcome: 'sent', owner: 'w1', at: at(2) })).toBe(true);
        expect(await store.outbox.settle(a.id, { outcome: 'sent', owner: 'w1', at: at(2) })).toBe(false);
        expect(
          await store.outbox.settle(b.id, {
            outcome: 'failed',
            owner: 'w1',
            at: at(2),
            error,
            retryAt: at(9),
          }),
        ).toBe(true);
        expect(
          await store.outbox.settle(d.id, {
            outcome: 'dead',
            owner: 'w1',
            at: at(3),
            error: { message: 'no such address', code: 'Validation' },
          }),
        ).toBe(true);
        expect(await store.outbox.get(a.id)).toMatchObject({ status: 'sent', attempts: 1 });
        expect(await store.outbox.get(b.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          dueAt: at(9),
          history: [
            { at: at(1), what: 'created' },
            { at: at(2), what: 'failed', attempt: 1, error, retryAt: at(9) },
          ],
        });
        expect((await store.outbox.get(d.id))?.history[1]).toEqual({
          at: at(3),
          what: 'dead',
          attempt: 1,
          error: { message: 'no such address', code: 'Validation' },
        });
        // the failed one is due again at its retry time, not before; sent and dead ones never come back
        expect(idsOf(mine(r, await claimAll(store, at(8), 'w2')))).toEqual([]);
        expect(idsOf(mine(r, await claimAll(store, at(9), 'w2', at(100))))).toEqual([b.id]);
        expect(idsOf(mine(r, await claimAll(store, at(60), 'w3')))).toEqual([]);
        expect(
          (await store.outbox.list({ reactor: r, status: 'pending' })).entries.map((e) => e.attempts),
        ).toEqual([1]);
      }));

    it('gives a failed effect back at its retry time even while an earlier lease would still run', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        await store.commit(commitOf(c, move(undefined, 1n), { effects: [effect(r, 1)], recordedAt: at(1) }));
        await claimAll(store, at(1), 'w1', at(50));
        const error = { message: 'timeout', code: undefined };
        await store.outbox.settle(effect(r, 1).id, {
          outcome: 'failed',
          owner: 'w1',
          at: at(2),
          error,
          retryAt: at(4),
        });
        expect(idsOf(mine(r, await claimAll(store, at(3), 'w2')))).toEqual([]);
        expect(idsOf(mine(r, await claimAll(store, at(4), 'w2')))).toEqual([effect(r, 1).id]);
      }));

    it('retries a dead effect by hand, and refuses to retry one that is not dead or does not exist', () =>
      withStore(async (store, name) => {
        const [c, r] = [name(), name()];
        const [a, b] = [effect(r, 1), effect(r, 2)];
        await store.commit(commitOf(c, move(undefined, 1n), { effects: [a, b], recordedAt: at(1) }));
        await claimAll(store, at(1));
        await store.outbox.settle(a.id, {
          outcome: 'dead',
          owner: 'w1',
          at: at(2),
          error: { message: 'x', code: undefined },
        });
        const retried = await store.outbox.retry(a.id, at(7));
        expect(retried).toMatchObject({ status: 'pending', attempts: 1, dueAt: at(7) });
        expect(retried.history.at(-1)).toEqual({ at: at(7), what: 'retried', retryAt: at(7) });
        expect(idsOf(mine(r, await claimAll(store, at(7), 'w2')))).toEqual([a.id]);
        expect(isIllegalState(await rejection(store.outbox.retry(b.id, at(8))))).toBe(true);
        expect(isNotFound(await rejection(store.outbox.retry(`${r}:missing`, at(8))))).toBe(true);
      }));

    it('lists by status and reactor in the order effects entered, paged by id', () =>
      withStore(async (store, name) => {
        const [c, r, s] = [name(), name(), name()];
        const ours = [1, 2, 3, 4, 5].map((n) => effect(r, n));
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            effects: [ours[0]!, effect(s, 9), ...ours.slice(1)],
            recordedAt: at(1),
          }),
        );
        await store.outbox.claim({ now: at(1), limit: 1000, owner: 'w', leaseUntil: at(5) });
        await store.outbox.settle(ours[1]!.id, { outcome: 'sent', owner: 'w', at: at(2) });
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await store.outbox.list({
            reactor: r,
            limit: 2,
            ...(after === undefined ? {} : { after }),
          });
          expect(page.entries.length).toBeLessThanOrEqual(2);
          seen.push(...idsOf(page.entries));
          after = page.next;
        } while (after !== undefined);
        expect(seen).toEqual(idsOf(ours));
        expect(idsOf((await store.outbox.list({ reactor: r, status: 'sent' })).entries)).toEqual([
          ours[1]!.id,
        ]);
        expect(idsOf((await store.outbox.list({ reactor: s })).entries)).toEqual([effect(s, 9).id]);
      }));

    it('refuses a bad claim or listing with a validation error', () =>
      withStore(async (store) => {
        expect(
          isValidationError(
            await rejection(store.outbox.claim({ now: at(1), limit: 0, owner: 'w', leaseUntil: at(2) })),
          ),
        ).toBe(true);
        expect(isValidationError(await rejection(store.outbox.list({ limit: -1 })))).toBe(true);
      }));

    it('keeps each tenant’s outbox to itself', async () => {
      if (withTenants === undefined) return;
      await withTenants(async ([one, two], name) => {
        const [c, r] = [name(), name()];
        await one.commit(commitOf(c, move(undefined, 1n), { effects: [effect(r, 1)], recordedAt: at(1) }));
        expect(await two.outbox.get(effect(r, 1).id)).toBeUndefined();
        expect(mine(r, await claimAll(two, at(9)))).toEqual([]);
        await two.commit(
          commitOf(c, move(undefined, 1n), { effects: [effect(r, 1, { payload: 2 })], recordedAt: at(2) }),
        );
        expect((await one.outbox.get(effect(r, 1).id))?.payload).toEqual(effect(r, 1).payload);
        expect((await two.outbox.get(effect(r, 1).id))?.payload).toBe(2);
      });
    });
  });
};
