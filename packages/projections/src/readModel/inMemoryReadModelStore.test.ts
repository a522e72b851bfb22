import { isRapportError } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from './inMemoryReadModelStore';
import type { ReadModelCommit } from './readModelStore';

const commit = (
  patch: Partial<ReadModelCommit>,
  expected: bigint | undefined,
  position: bigint,
): ReadModelCommit => ({
  collection: 'c_v1',
  documents: [],
  timers: [],
  aliases: [],
  deadLetters: [],
  checkpoint: { expected, next: { position, watermark: undefined } },
  ...patch,
});

describe('the in-memory read-model store', () => {
  it('writes documents, timers, aliases and the checkpoint together, or nothing when the checkpoint moved', async () => {
    const store = createInMemoryReadModelStore();
    await store.commit(
      commit(
        {
          documents: [
            { key: 'a', document: { n: 1 } },
            { key: 'b', document: { n: 2 } },
            { key: 'b', document: null },
          ],
          timers: [{ kind: 'put', timer: { key: 'a', name: 'x', at: '2025-01-01T00:00:00.000Z' } }],
          aliases: [{ from: 'z', to: 'a' }],
        },
        undefined,
        5n,
      ),
    );
    const stale = commit({ documents: [{ key: 'a', document: { n: 99 } }] }, 3n, 9n);
    const error = await store.commit(stale).catch((caught: unknown) => caught);
    expect(isRapportError(error, 'ConcurrencyConflict')).toBe(true);
    expect(await store.get('c_v1', 'a')).toEqual({ n: 1 });
    expect(await store.get('c_v1', 'b')).toBeUndefined();
    expect(await store.readCheckpoint('c_v1')).toEqual({ position: 5n, watermark: undefined });
    expect(await store.listAliases('c_v1')).toEqual([{ from: 'z', to: 'a' }]);
    expect(await store.getMany('c_v1', ['a', 'b'])).toEqual(new Map([['a', { n: 1 }]]));
  });

  it('freezes stored documents when asked, so nobody can change them behind the store', async () => {
    const store = createInMemoryReadModelStore({ freeze: true });
    await store.put('c_v1', 'a', { list: [1] });
    const document = (await store.get('c_v1', 'a')) as { list: number[] };
    expect(() => document.list.push(2)).toThrow();
  });

  it('applies timer changes in order: a clear, then the puts after it', async () => {
    const store = createInMemoryReadModelStore();
    const at = '2025-01-01T00:00:00.000Z';
    await store.commit(
      commit(
        {
          timers: [
            { kind: 'put', timer: { key: 'a', name: 'x', at } },
            { kind: 'put', timer: { key: 'a', name: 'y', at } },
            { kind: 'clear', key: 'a' },
            { kind: 'put', timer: { key: 'a', name: 'z', at } },
            { kind: 'put', timer: { key: 'b', name: 'x', at } },
            { kind: 'delete', key: 'b', name: 'x' },
          ],
        },
        undefined,
        1n,
      ),
    );
    expect(await store.listTimers('c_v1')).toEqual([{ key: 'a', name: 'z', at }]);
  });

  describe('given any set of timer writes', () => {
    it('due timers come in (at, key, name) order, up to the limit, after the cursor, at or before the bound', async () => {
      const timer = fc.record({
        key: fc.constantFrom('a', 'b', 'c'),
        name: fc.constantFrom('x', 'y'),
        at: fc.integer({ min: 0, max: 9 }).map((m) => `2025-01-01T00:0${m}:00.000Z`),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(timer, fc.boolean()), { maxLength: 30 }),
          fc.integer({ min: 0, max: 9 }),
          fc.integer({ min: 1, max: 10 }),
          async (writes, upTo, limit) => {
            const store = createInMemoryReadModelStore();
            const expected = new Map<string, { key: string; name: string; at: string }>();
            let position = 0n;
            for (const [each, remove] of writes) {
              await store.commit(
                commit(
                  {
                    timers: [
                      remove
                        ? { kind: 'delete', key: each.key, name: each.name }
                        : { kind: 'put', timer: each },
                    ],
                  },
                  position === 0n ? undefined : position,
                  position + 1n,
                ),
              );
              position++;
              if (remove) expected.delete(`${each.key}/${each.name}`);
              else expected.set(`${each.key}/${each.name}`, each);
            }
            const bound = `2025-01-01T00:0${upTo}:00.000Z`;
            const order = (a: { at: string; key: string; name: string }, b: typeof a) =>
              `${a.at}${a.key}${a.name}` < `${b.at}${b.key}${b.name}` ? -1 : 1;
            const due = [...expected.values()].filter((each) => each.at <= bound).sort(order);
            expect(await store.dueTimers('c_v1', { upTo: bound, limit })).toEqual(due.slice(0, limit));
            const cursor = due[0];
            if (cursor !== undefined) {
              expect(await store.dueTimers('c_v1', { upTo: bound, limit, after: cursor })).toEqual(
                due.slice(1, limit + 1),
              );
            }
            expect(await store.listTimers('c_v1')).toEqual([...expected.values()].sort(order));
          },
        ),
        { numRuns: 100 },
      );
    });
  });

  it('lists documents by prefix in key order, page by page', async () => {
    const store = createInMemoryReadModelStore();
    for (const key of ['b2', 'a1', 'b1', 'c1', 'b3', 'b10']) await store.put('c_v1', key, { key });
    const keys: string[] = [];
    let after: string | undefined;
    do {
      const page = await store.list(
        'c_v1',
        after === undefined ? { prefix: 'b', limit: 2 } : { prefix: 'b', after, limit: 2 },
      );
      keys.push(...page.documents.map((each) => each.key));
      after = page.next;
    } while (after !== undefined);
    expect(keys).toEqual(['b1', 'b10', 'b2', 'b3']);
    expect((await store.list('c_v1')).documents).toHaveLength(6);
    await store.delete('c_v1', 'b1');
    expect((await store.list('c_v1', { prefix: 'b1' })).documents.map((each) => each.key)).toEqual(['b10']);
    await store.dropCollection('c_v1');
    expect(await store.list('c_v1')).toEqual({ documents: [], next: undefined });
  });
});
