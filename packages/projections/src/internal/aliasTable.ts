import type { Alias } from '../readModel/readModelStore';

/** Where events keyed by an absorbed document go, resolved transitively. */
export interface AliasTable {
  resolve(key: string): string;
  set(from: string, to: string): void;
  load(aliases: readonly Alias[]): void;
  all(): ReadonlyMap<string, string>;
  /** Aliases set since the last collect. */
  collect(): Alias[];
  /** Drops uncommitted aliases (after a failed batch the table is reloaded). */
  clear(): void;
}

/** Creates an empty alias table. */
export const createAliasTable = (track: boolean): AliasTable => {
  const to = new Map<string, string>();
  const changed = new Map<string, string>();
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
    set(from, target) {
      to.set(from, target);
      if (track) changed.set(from, target);
    },
    load(aliases) {
      for (const alias of aliases) to.set(alias.from, alias.to);
    },
    all: () => to,
    collect() {
      const out = [...changed].map(([from, target]) => ({ from, to: target }));
      changed.clear();
      return out;
    },
    clear() {
      to.clear();
      changed.clear();
    },
  };
};
