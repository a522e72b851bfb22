import { findLeaf, freezePath, hashString, insert, leavesOf, remove, type TrieNode } from './hashTrie';

/**
 * An immutable map from string keys to values: `set` and `delete` return a new map in O(log n) (a hash array mapped
 * trie, sharing all but the changed path) and leave this one as it was. Two maps with the same entries have the same
 * shape, so deep equality (`toEqual`) compares contents and both iterate in the same order (by key hash, not by
 * insertion). `JSON.stringify` writes it as a plain record through `toJSON`; `PersistentMap.fromEntries(
 * Object.entries(record))` reads it back.
 */
export class PersistentMap<TValue> implements ReadonlyMap<string, TValue> {
  /** The trie; never changed once built. */
  protected readonly root: TrieNode<TValue> | undefined;
  /** How many keys the map holds. */
  readonly size: number;

  protected constructor(root: TrieNode<TValue> | undefined, size: number) {
    this.root = root;
    this.size = size;
  }

  /** A map with no keys. */
  static empty<TValue>(): PersistentMap<TValue> {
    return new PersistentMap<TValue>(undefined, 0);
  }

  /** A map of the given entries; a later entry for the same key wins. */
  static fromEntries<TValue>(entries: Iterable<readonly [string, TValue]>): PersistentMap<TValue> {
    let map = PersistentMap.empty<TValue>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  /** The 32-bit hash that places a key in the trie (tests override it to force collisions). */
  protected hashOf(key: string): number {
    return hashString(key);
  }

  /** A map of the same class over another trie. */
  protected derive(root: TrieNode<TValue> | undefined, size: number): this {
    const make = this.constructor as new (root: TrieNode<TValue> | undefined, size: number) => this;
    return new make(root, size);
  }

  /** The value of `key`, or undefined when the map does not hold it. */
  get(key: string): TValue | undefined {
    return findLeaf(this.root, this.hashOf(key), key)?.value;
  }

  /** Whether the map holds `key`. */
  has(key: string): boolean {
    return findLeaf(this.root, this.hashOf(key), key) !== undefined;
  }

  /** A map with `key` set to `value` (this map itself when it already holds exactly that value). */
  set(key: string, value: TValue): this {
    const hash = this.hashOf(key);
    const current = findLeaf(this.root, hash, key);
    if (current !== undefined && Object.is(current.value, value)) return this;
    const root = insert(this.root, { kind: 0, hash, key, value });
    // a frozen trie was deep-frozen (by a snapshot store): keep it so, at the cost of the new path only
    if (this.root !== undefined && Object.isFrozen(this.root)) freezePath(root, hash);
    return this.derive(root, current === undefined ? this.size + 1 : this.size);
  }

  /** A map without `key` (this map itself when it does not hold it). */
  delete(key: string): this {
    if (this.root === undefined) return this;
    const hash = this.hashOf(key);
    const root = remove(this.root, hash, key);
    if (root === this.root) return this;
    if (Object.isFrozen(this.root)) freezePath(root, hash);
    return this.derive(root, this.size - 1);
  }

  /** The entries, in the map's order. */
  *entries(): IterableIterator<[string, TValue]> {
    for (const leaf of leavesOf(this.root)) yield [leaf.key, leaf.value];
  }

  /** The keys, in the map's order. */
  *keys(): IterableIterator<string> {
    for (const leaf of leavesOf(this.root)) yield leaf.key;
  }

  /** The values, in the map's order. */
  *values(): IterableIterator<TValue> {
    for (const leaf of leavesOf(this.root)) yield leaf.value;
  }

  /** Calls `callback` with each value and key, in the map's order. */
  forEach(
    callback: (value: TValue, key: string, map: ReadonlyMap<string, TValue>) => void,
    thisArg?: unknown,
  ): void {
    for (const leaf of leavesOf(this.root)) callback.call(thisArg, leaf.value, leaf.key, this);
  }

  [Symbol.iterator](): IterableIterator<[string, TValue]> {
    return this.entries();
  }

  /** The entries as a plain record, which is how `JSON.stringify` writes the map. */
  toJSON(): Record<string, TValue> {
    return Object.fromEntries(this.entries());
  }
}
