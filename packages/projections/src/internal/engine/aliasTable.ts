import type { Alias, AliasChange } from '../../readModel/readModelStore';

/** Where events keyed by an absorbed document go, resolved transitively. */
export interface AliasTable {
  resolve(key: string): string;
  /** True when `key` itself is absorbed (has an alias of its own). */
  has(key: string): boolean;
  set(from: string, to: string): void;
  /** Drops the alias of `from` (a release): events keyed `from` go to `from` again. */
  remove(from: string): void;
  load(aliases: readonly Alias[]): void;
  all(): ReadonlyMap<string, string>;
  /** Aliases set or removed since the last collect, one change per key. */
  collect(): AliasChange[];
  /** Drops uncommitted aliases (after a failed batch the table is reloaded). */
  clear(): void;
}

/** Creates an empty alias table. */
export const createAliasTable = (track: boolean): AliasTable => {
  const to = new Map<string, string>();
  // per key, its latest change: the new target, or null when removed
  const changed = new Map<string, string | null>();
  return {
    resolve(key) {
      if (to.size === 0) return key;
      let current = key;
      // targets are always live documents when set, so chains end; the bound only guards corrupted stores
      for (let hops = 0; hops <= to.size; hops++) {
        const next = to.get(current);
        if (next === undefined) return current;
        current = next;
      }
      return current;
    },
    has: (key) => to.has(key),
    set(from, target) {
      to.set(from, target);
      if (track) changed.set(from, target);
    },
    remove(from) {
      to.delete(from);
      if (track) changed.set(from, null);
    },
    load(aliases) {
      for (const alias of aliases) to.set(alias.from, alias.to);
    },
    all: () => to,
    collect() {
      const out = [...changed].map(
        ([from, target]): AliasChange => (target === null ? { from, to: null } : { from, to: target }),
      );
      changed.clear();
      return out;
    },
    clear() {
      to.clear();
      changed.clear();
    },
  };
};
