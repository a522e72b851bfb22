import { RapportError } from '@rapport/core';
import type { Json } from '../definition/json';
import type { DocumentChange } from '../readModel/readModelStore';

/** The documents an engine works on: the whole read model (the pure fold) or a batch's preloaded working set. */
export interface DocumentSet<TState> {
  /** The document under exactly this key; undefined when absent. */
  get(key: string): TState | undefined;
  /** Writes a document (null deletes it). */
  set(key: string, state: TState | null): void;
  /** Adds documents read from the store; requested keys that are missing are known to be absent. */
  load(keys: Iterable<string>, found: ReadonlyMap<string, unknown>): void;
  /** Every present document. */
  entries(): Map<string, TState>;
  /** Documents written since the last collect. */
  collect(): DocumentChange[];
  /** Forgets everything (a new batch). */
  reset(): void;
}

/**
 * Creates a document set. `complete` means every document is in memory, so a missing key is simply absent;
 * otherwise reading a key that was not preloaded is a runtime bug and throws.
 */
export const createDocumentSet = <TState>(complete: boolean, track: boolean): DocumentSet<TState> => {
  const documents = new Map<string, TState | null>();
  const dirty = new Set<string>();
  return {
    get(key) {
      const state = documents.get(key);
      if (state !== undefined) return state ?? undefined;
      if (complete || documents.has(key)) return undefined;
      throw new RapportError(
        'IllegalState',
        `projection runtime: document ${key} was read but not preloaded`,
        {
          data: { key },
        },
      );
    },
    set(key, state) {
      documents.set(key, state);
      if (track) dirty.add(key);
    },
    load(keys, found) {
      for (const key of keys) {
        if (!documents.has(key)) documents.set(key, (found.get(key) as TState | undefined) ?? null);
      }
    },
    entries() {
      const out = new Map<string, TState>();
      for (const [key, state] of documents) if (state !== null) out.set(key, state);
      return out;
    },
    collect() {
      const out: DocumentChange[] = [];
      for (const key of dirty) out.push({ key, document: (documents.get(key) ?? null) as Json | null });
      dirty.clear();
      return out;
    },
    reset() {
      documents.clear();
      dirty.clear();
    },
  };
};
