import { RapportError } from '@rapport/core';
import type { Json } from '../../definition/json';
import { vetDocuments } from '../../readModel/documentRule';
import type { DocumentChange } from '../../readModel/readModelStore';

/** One document's place in a document set; `state` null means absent. */
export interface Slot<TState> {
  readonly key: string;
  state: TState | null;
  /** The collect round it was last written in (dirty when equal to the set's current round). */
  round: number;
}

/** The documents an engine works on: the whole read model (the pure fold) or a runner's cache of committed ones. */
export interface DocumentSet<TState> {
  /** The slot of a key, created empty when the set is complete or `create` is set; throws if it was not preloaded. */
  slot(key: string, create?: boolean): Slot<TState>;
  /** True when the key's document (or its absence) is known without reading the store. */
  has(key: string): boolean;
  /** Writes a document (null deletes it) and marks it for the next commit. */
  write(slot: Slot<TState>, state: TState | null): void;
  /** Adds documents read from the store; requested keys that are missing are known to be absent. */
  load(keys: Iterable<string>, found: ReadonlyMap<string, unknown>): void;
  /** Every present document. */
  entries(): Map<string, TState>;
  /** Documents written since the last collect. */
  collect(): DocumentChange[];
  /** Keeps at most `limit` documents between batches (the runner's cache), returning true if it dropped them. */
  trim(limit: number): boolean;
}

/**
 * Creates a document set. `complete` means every document is in memory, so a missing key is simply absent;
 * otherwise reading a key that is neither cached nor preloaded is a runtime bug and throws.
 * One map lookup per event serves the read, the write and the dirty mark.
 */
export const createDocumentSet = <TState>(complete: boolean, track: boolean): DocumentSet<TState> => {
  const slots = new Map<string, Slot<TState>>();
  let dirty: Slot<TState>[] = [];
  let round = 1;
  const add = (key: string, state: TState | null) => {
    const slot: Slot<TState> = { key, state, round: 0 };
    slots.set(key, slot);
    return slot;
  };
  return {
    slot(key, create = false) {
      const slot = slots.get(key);
      if (slot !== undefined) return slot;
      if (complete || create) return add(key, null);
      throw new RapportError(
        'IllegalState',
        `projection runtime: document ${key} was read but not preloaded`,
        {
          data: { key },
        },
      );
    },
    has: (key) => complete || slots.has(key),
    write(slot, state) {
      slot.state = state;
      if (track && slot.round !== round) {
        slot.round = round;
        dirty.push(slot);
      }
    },
    load(keys, found) {
      for (const key of keys) if (!slots.has(key)) add(key, (found.get(key) as TState | undefined) ?? null);
    },
    entries() {
      const out = new Map<string, TState>();
      for (const [key, slot] of slots) if (slot.state !== null) out.set(key, slot.state);
      return out;
    },
    collect() {
      // every state here was checked as it was returned (or read from a store): the in-memory store need not walk it
      const out = vetDocuments(
        dirty.map((slot): DocumentChange => ({ key: slot.key, document: slot.state as Json | null })),
      );
      dirty = [];
      round++;
      return out;
    },
    trim(limit) {
      if (slots.size <= limit) return false;
      slots.clear();
      return true;
    },
  };
};
