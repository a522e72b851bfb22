import { deepFreeze } from './deepFreeze';

/**
 * The nodes of a hash array mapped trie (HAMT) keyed by strings, and pure functions over them: every update copies
 * the path from the root to the change (at most seven nodes) and shares the rest, so older versions never change.
 *
 * The shape is canonical: the same set of keys always makes the same tree whatever the order of updates (a
 * subtree of one key is a leaf, of keys with one full hash a collision node, and a branch never holds a single
 * leaf or collision node alone), so structurally equal contents are deep-equal trees and iterate in one order.
 */

/** One key and its value, with the key's 32-bit hash. */
export interface Leaf<TValue> {
  readonly kind: 0;
  readonly hash: number;
  readonly key: string;
  readonly value: TValue;
}

/** Two or more keys with the same full hash, sorted by key. */
export interface Collision<TValue> {
  readonly kind: 1;
  readonly hash: number;
  readonly leaves: readonly Leaf<TValue>[];
}

/** Children indexed by five bits of the hash: bit `i` of `bitmap` set means a child for index `i`, in order. */
export interface Branch<TValue> {
  readonly kind: 2;
  readonly bitmap: number;
  readonly children: readonly TrieNode<TValue>[];
}

/** A trie node; `undefined` stands for the empty trie. */
export type TrieNode<TValue> = Leaf<TValue> | Collision<TValue> | Branch<TValue>;

const BITS = 5;
const MASK = 0b11111;

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser so every bit depends on every character. */
export const hashString = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
};

const popcount = (bits: number): number => {
  let x = bits - ((bits >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
};

const branch = <TValue>(bitmap: number, children: readonly TrieNode<TValue>[]): Branch<TValue> => ({
  kind: 2,
  bitmap,
  children,
});

/** The leaf of `key` (whose hash is `hash`), if the trie holds it. */
export const findLeaf = <TValue>(
  root: TrieNode<TValue> | undefined,
  hash: number,
  key: string,
): Leaf<TValue> | undefined => {
  let node = root;
  for (let shift = 0; node !== undefined; shift += BITS) {
    if (node.kind === 0) return node.key === key ? node : undefined;
    if (node.kind === 1) return node.hash === hash ? node.leaves.find((leaf) => leaf.key === key) : undefined;
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[popcount(node.bitmap & (bit - 1))];
  }
  return undefined;
};

/** A branch over two nodes of different hashes, nested until five bits of their hashes differ. */
const fork = <TValue>(
  a: Leaf<TValue> | Collision<TValue>,
  b: Leaf<TValue>,
  shift: number,
): Branch<TValue> => {
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return branch(1 << ia, [fork(a, b, shift + BITS)]);
  return branch((1 << ia) | (1 << ib), ia < ib ? [a, b] : [b, a]);
};

const withLeaf = <TValue>(leaves: readonly Leaf<TValue>[], leaf: Leaf<TValue>): Leaf<TValue>[] => {
  const at = leaves.findIndex((other) => other.key >= leaf.key);
  if (at === -1) return [...leaves, leaf];
  const replaces = leaves[at]!.key === leaf.key ? 1 : 0;
  return [...leaves.slice(0, at), leaf, ...leaves.slice(at + replaces)];
};

/** The trie with `leaf` added, or replacing the leaf of the same key; `node` sits `shift` bits down. */
export const insert = <TValue>(
  node: TrieNode<TValue> | undefined,
  leaf: Leaf<TValue>,
  shift = 0,
): TrieNode<TValue> => {
  if (node === undefined) return leaf;
  if (node.kind === 0) {
    if (node.key === leaf.key) return leaf;
    if (node.hash !== leaf.hash) return fork(node, leaf, shift);
    return { kind: 1, hash: leaf.hash, leaves: withLeaf([node], leaf) };
  }
  if (node.kind === 1) {
    if (node.hash !== leaf.hash) return fork(node, leaf, shift);
    return { kind: 1, hash: leaf.hash, leaves: withLeaf(node.leaves, leaf) };
  }
  const bit = 1 << ((leaf.hash >>> shift) & MASK);
  const at = popcount(node.bitmap & (bit - 1));
  const children = node.children.slice();
  if ((node.bitmap & bit) === 0) {
    children.splice(at, 0, leaf);
    return branch(node.bitmap | bit, children);
  }
  children[at] = insert(children[at], leaf, shift + BITS);
  return branch(node.bitmap, children);
};

/** The trie without `key` (the same node when it does not hold it); `undefined` when nothing is left. */
export const remove = <TValue>(
  node: TrieNode<TValue>,
  hash: number,
  key: string,
  shift = 0,
): TrieNode<TValue> | undefined => {
  if (node.kind === 0) return node.key === key ? undefined : node;
  if (node.kind === 1) {
    const at = node.hash === hash ? node.leaves.findIndex((leaf) => leaf.key === key) : -1;
    if (at === -1) return node;
    if (node.leaves.length === 2) return node.leaves[1 - at];
    return { kind: 1, hash, leaves: node.leaves.filter((_, index) => index !== at) };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return node;
  const at = popcount(node.bitmap & (bit - 1));
  const child = node.children[at]!;
  const next = remove(child, hash, key, shift + BITS);
  if (next === child) return node;
  if (next === undefined) {
    if (node.children.length === 1) return undefined;
    if (node.children.length === 2) {
      const other = node.children[1 - at]!;
      // a lone leaf or collision node moves up to where its parent was: the shape stays canonical
      if (other.kind !== 2) return other;
    }
    return branch(
      node.bitmap ^ bit,
      node.children.filter((_, index) => index !== at),
    );
  }
  if (node.children.length === 1 && next.kind !== 2) return next;
  const children = node.children.slice();
  children[at] = next;
  return branch(node.bitmap, children);
};

/** Every leaf, in the trie's order (by hash bits, then by key within a collision). */
export function* leavesOf<TValue>(node: TrieNode<TValue> | undefined): Generator<Leaf<TValue>> {
  if (node === undefined) return;
  if (node.kind === 0) yield node;
  else if (node.kind === 1) yield* node.leaves;
  else for (const child of node.children) yield* leavesOf(child);
}

/**
 * Freezes the nodes on the path of `hash` that are not frozen yet, with the values of their leaves: after an update
 * of a frozen trie those are the only nodes that are not, so the trie is frozen again without visiting the rest.
 */
export const freezePath = <TValue>(root: TrieNode<TValue> | undefined, hash: number): void => {
  let node = root;
  for (let shift = 0; node !== undefined && !Object.isFrozen(node); shift += BITS) {
    if (node.kind === 0) {
      deepFreeze(node);
      return;
    }
    if (node.kind === 1) {
      for (const leaf of node.leaves) deepFreeze(leaf);
      Object.freeze(node.leaves);
      Object.freeze(node);
      return;
    }
    Object.freeze(node.children);
    Object.freeze(node);
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return;
    node = node.children[popcount(node.bitmap & (bit - 1))];
  }
};
