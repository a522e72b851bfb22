import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deepFreeze';
import { hashString } from './hashTrie';
import { PersistentMap } from './persistentMap';

/** An empty map whose keys hash with `hash`, so tests can force collisions and long shared hash prefixes. */
const emptyWith = (hash: (key: string) => number): PersistentMap<number> => {
  class Hashed<TValue> extends PersistentMap<TValue> {
    protected override hashOf(key: string): number {
      return hash(key);
    }
    static start(): PersistentMap<number> {
      return new Hashed<number>(undefined, 0);
    }
  }
  return Hashed.start();
};

const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];

/**
 * Hashes for the keys above: fully colliding, equal in all but the top bits (so a fork sits at the deepest level),
 * equal in the low bits only, or any 32-bit number.
 */
const hashTable = fc.array(
  fc.oneof(
    fc.constantFrom(0, 1, 0x40000000, 0x80000000, 0xc0000000, 0xc0000001, 0x3fffffff, 0xffffffff),
    fc.integer({ min: 0, max: 31 }).map((low) => (low | 0x55555540) >>> 0),
    fc.nat({ max: 0xffffffff }),
  ),
  { minLength: keys.length, maxLength: keys.length },
);

/** The hash function of a drawn table: the table's hash for the keys above, the real one for the others. */
const hashing = (hashes: readonly number[]) => (key: string) => {
  const at = keys.indexOf(key);
  return at === -1 ? hashString(key) : hashes[at]!;
};

const op = fc.record({
  /** Which version the operation starts from: mostly the latest (-1), else any earlier one (modulo the count). */
  from: fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat() }),
  kind: fc.constantFrom('set', 'set', 'delete', 'get'),
  key: fc.constantFrom(...keys, 'constructor', '__proto__', ''),
  value: fc.integer({ min: 0, max: 3 }),
});

const probes = [...keys, 'constructor', '__proto__', '', 'z'];

/** Every read of a map (or of the Map that models it), in one comparable value. */
const reads = (map: PersistentMap<number> | ReadonlyMap<string, number>) => ({
  size: map.size,
  entries: [...map.entries()].sort(),
  keys: [...map.keys()].sort(),
  values: [...map.values()].sort(),
  has: probes.map((key) => map.has(key)),
  get: probes.map((key) => map.get(key)),
});

describe('given any sequence of updates, each on any earlier version, with any key hashes', () => {
  it('every version reads as the Map the same updates make, and no update changes an older version', () => {
    fc.assert(
      fc.property(hashTable, fc.array(op, { maxLength: 60, size: 'max' }), (hashes, ops) => {
        const versions = [emptyWith(hashing(hashes))];
        const models: ReadonlyMap<string, number>[] = [new Map()];
        for (const { from, kind, key, value } of ops) {
          const at = from === -1 ? versions.length - 1 : from % versions.length;
          const map = versions[at]!;
          const model = models[at]!;
          if (kind === 'get') {
            expect(map.get(key)).toBe(model.get(key));
            continue;
          }
          const changed = new Map(model);
          if (kind === 'set') changed.set(key, value);
          else changed.delete(key);
          versions.push(kind === 'set' ? map.set(key, value) : map.delete(key));
          models.push(changed);
        }
        // checked after every update is made, so a version that changed after it was made fails too
        expect(versions.map(reads)).toEqual(models.map(reads));
      }),
      { numRuns: 300 },
    );
  });

  it('maps with the same entries are deep-equal and iterate in the same order, whatever the updates', () => {
    fc.assert(
      fc.property(hashTable, fc.array(op, { maxLength: 60, size: 'max' }), (hashes, ops) => {
        const empty = emptyWith(hashing(hashes));
        let map = empty;
        const model = new Map<string, number>();
        for (const { kind, key, value } of ops) {
          if (kind === 'get') continue;
          map = kind === 'set' ? map.set(key, value) : map.delete(key);
          if (kind === 'set') model.set(key, value);
          else model.delete(key);
          // the same entries inserted afresh, in sorted order: a different history, the same contents
          let fresh = empty;
          for (const [key, value] of [...model.entries()].sort()) fresh = fresh.set(key, value);
          expect(map).toEqual(fresh);
          expect([...map.keys()]).toEqual([...fresh.keys()]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a persistent map', () => {
  it('returns itself for an update that changes nothing', () => {
    const map = PersistentMap.empty<number>().set('a', 1);
    expect(map.set('a', 1)).toBe(map);
    expect(map.delete('b')).toBe(map);
    expect(PersistentMap.empty<number>().delete('a').size).toBe(0);
  });

  it('serialises as a plain record and reads back from its entries', () => {
    const map = PersistentMap.fromEntries([
      ['o-1', { total: 5 }],
      ['__proto__', { total: 7 }],
    ]);
    const json = JSON.parse(JSON.stringify({ orders: map })) as { orders: Record<string, { total: number }> };
    expect(Object.keys(json.orders).sort()).toEqual(['__proto__', 'o-1']);
    expect(PersistentMap.fromEntries(Object.entries(json.orders))).toEqual(map);
  });

  it('visits every entry with forEach, as a ReadonlyMap does, in the order it iterates', () => {
    const map = PersistentMap.fromEntries([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const readonly: ReadonlyMap<string, number> = map;
    const seen: [string, number, unknown, unknown][] = [];
    const self = { label: 'this' };
    readonly.forEach(function (this: unknown, value, key, owner) {
      seen.push([key, value, owner, this]);
    }, self);
    expect(seen).toEqual([...map.entries()].map(([key, value]) => [key, value, map, self]));
  });

  it('stays deep-frozen through updates once deep-frozen, so freezing it again stops at its root', () => {
    /** Whether every object in the value is frozen. */
    const allFrozen = (value: unknown): boolean =>
      value === null ||
      typeof value !== 'object' ||
      (Object.isFrozen(value) && Object.values(value).every(allFrozen));
    let map = PersistentMap.empty<{ n: number }>();
    for (let n = 0; n < 2_000; n++) map = map.set(`o-${n}`, { n });
    const loose = map.set('loose', { n: -1 });
    expect(Object.isFrozen(loose.get('loose'))).toBe(false); // a map nobody froze freezes nothing
    deepFreeze(map);
    let next = map;
    for (let n = 0; n < 300; n++) next = n % 3 === 0 ? next.delete(`o-${n * 5}`) : next.set(`p-${n}`, { n });
    next = next.set('o-7', { n: 7 });
    expect(allFrozen((next as unknown as { root: unknown }).root)).toBe(true);
    expect(Object.isFrozen(next.get('p-1'))).toBe(true);
    expect(next.get('o-7')).toEqual({ n: 7 });
  });

  it('holds ten thousand keys and finds each', () => {
    let map = PersistentMap.empty<number>();
    for (let n = 0; n < 10_000; n++) map = map.set(`o-${n}`, n);
    expect(map.size).toBe(10_000);
    for (let n = 0; n < 10_000; n++) expect(map.get(`o-${n}`)).toBe(n);
    for (let n = 0; n < 10_000; n += 2) map = map.delete(`o-${n}`);
    expect([...map.values()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 5_000 }, (_, n) => 2 * n + 1),
    );
  });
});
