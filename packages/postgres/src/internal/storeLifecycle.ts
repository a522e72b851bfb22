import { RapportError } from '@rapport/core';
import type { ResolvedConnection } from './connection';
import { storeUnavailable } from './database';
import { runMigrations } from './migrations/runMigrations';

/** What every PostgreSQL store does around its work: migrate once (again after a failure), refuse work once closed. */
export interface StoreLifecycle {
  /** Brings the schema up to date; concurrent callers share one run, and a failed run is retried by the next call. */
  migrate(): Promise<void>;
  /** Throws StoreUnavailable once the store is closed. */
  ensureOpen(): void;
  /** Before each operation: open, and migrated when the store migrates itself. */
  ready(): Promise<void>;
  isClosed(): boolean;
  /** Marks the store closed and ends the pool it owns; `beforeEnd` runs first, once. A second call does nothing. */
  close(beforeEnd?: () => void): Promise<void>;
}

/** The lifecycle of one store (`what` names it in errors, e.g. `'key store'`) over a resolved connection. */
export const storeLifecycle = (resolved: ResolvedConnection, what: string): StoreLifecycle => {
  let closed = false;
  let migration: Promise<void> | undefined;
  const migrate = () => {
    migration ??= runMigrations(resolved.pool, resolved.schema).catch((error: unknown) => {
      migration = undefined;
      throw storeUnavailable('migrate', error);
    });
    return migration;
  };
  const ensureOpen = () => {
    if (closed) throw new RapportError('StoreUnavailable', `the postgres ${what} is closed`);
  };
  return {
    migrate: async () => {
      ensureOpen();
      await migrate();
    },
    ensureOpen,
    ready: async () => {
      ensureOpen();
      if (resolved.autoMigrate) await migrate();
    },
    isClosed: () => closed,
    close: async (beforeEnd) => {
      if (closed) return;
      closed = true;
      beforeEnd?.();
      if (resolved.ownsPool) await resolved.pool.end();
    },
  };
};
