import type { StoredTimer, TimerChange } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { commitOf, move, type ReadModelHarness } from './readModelHarness';

const at = (hour: number) => `2025-01-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
const put = (key: string, name: string, hour: number, payload?: StoredTimer['payload']): TimerChange => ({
  kind: 'put',
  timer: payload === undefined ? { key, name, at: at(hour) } : { key, name, at: at(hour), payload },
});
const brief = (timers: readonly StoredTimer[]) =>
  timers.map((t) => `${t.at.slice(11, 13)} ${t.key} ${t.name}`);

/** Timers: put, delete and clear in order, and "due at or before T" queries in firing order with a cursor. */
export const timersContract = ({ withStore }: ReadModelHarness): void => {
  describe('timers', () => {
    it('puts, replaces, deletes and clears timers in the order given', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            timers: [put('a', 't1', 1), put('a', 't2', 2), put('b', 't1', 3), put('b', 't2', 4)],
          }),
        );
        await store.commit(
          commitOf(c, move(1n, 2n), {
            timers: [
              { kind: 'delete', key: 'a', name: 't1' },
              put('a', 't1', 5, { again: true }),
              { kind: 'clear', key: 'b' },
              put('b', 't3', 6),
              put('c', 'x', 7),
              { kind: 'clear', key: 'c' },
              put('d', 'x', 8),
              { kind: 'delete', key: 'd', name: 'x' },
              put('a', 't2', 9, 'moved'),
              { kind: 'delete', key: 'none', name: 'none' },
            ],
          }),
        );
        expect(await store.listTimers(c)).toEqual([
          { key: 'a', name: 't1', at: at(5), payload: { again: true } },
          { key: 'b', name: 't3', at: at(6) },
          { key: 'a', name: 't2', at: at(9), payload: 'moved' },
        ]);
      }));

    it('finds the timers due at or before a time, in (at, key, name) order, after a cursor, up to a limit', () =>
      withStore(async (store, name) => {
        const c = name();
        await store.commit(
          commitOf(c, move(undefined, 1n), {
            timers: [
              put('b', 'x', 1),
              put('a', 'y', 1),
              put('a', 'x', 1, [1, 2]),
              put('a', 'x2', 2),
              put('a', 'x3', 3),
              put('z', 'late', 20),
            ],
          }),
        );
        const due = (upTo: string, limit: number, after?: StoredTimer) =>
          store
            .dueTimers(c, after === undefined ? { upTo, limit } : { upTo, limit, after })
            .then((timers) => brief(timers));
        expect(await due(at(2), 10)).toEqual(['01 a x', '01 a y', '01 b x', '02 a x2']);
        expect(await due(at(2), 2)).toEqual(['01 a x', '01 a y']);
        expect(await due(at(2), 10, { key: 'a', name: 'y', at: at(1) })).toEqual(['01 b x', '02 a x2']);
        expect(await due(at(3), 10, { key: 'a', name: 'x2', at: at(2) })).toEqual(['03 a x3']);
        expect(await due(at(3), 10, { key: 'a', name: 'x3', at: at(3) })).toEqual([]);
        expect(await due('2025-01-01T00:59:59.999Z', 10)).toEqual([]);
        expect(await due(at(3), 0)).toEqual([]);
        expect((await store.dueTimers(c, { upTo: at(1), limit: 1 }))[0]).toEqual({
          key: 'a',
          name: 'x',
          at: at(1),
          payload: [1, 2],
        });
        expect(brief(await store.listTimers(c))).toEqual([
          '01 a x',
          '01 a y',
          '01 b x',
          '02 a x2',
          '03 a x3',
          '20 z late',
        ]);
        expect(await store.dueTimers(name(), { upTo: at(23), limit: 10 })).toEqual([]);
      }));
  });
};
