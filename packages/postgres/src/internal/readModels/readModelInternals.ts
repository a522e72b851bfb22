import type { ReadModelStore } from '@rapport/projections';
import type pg from 'pg';
import type { ReadModelContext } from './readModelOperations';

/** What the partition workers need of a PostgreSQL read-model store, kept off its public surface. */
export interface ReadModelInternals {
  readonly context: ReadModelContext;
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly tenantId: string;
  /** The store as one partition's runner sees it: that partition's checkpoint and due timers. */
  readonly partition: (index: number, count: number) => ReadModelStore;
}

const internals = new WeakMap<object, ReadModelInternals>();

/** Remembers the internals of a store this package created. */
export const registerInternals = (store: object, value: ReadModelInternals): void => {
  internals.set(store, value);
};

/** The internals of a store this package created; undefined for any other object. */
export const internalsOf = (store: object): ReadModelInternals | undefined => internals.get(store);
