import type { Checkpoint, ReadModelCommit, ReadModelStore } from '@rapport/projections';

/** What the read-model contract needs from an adapter: a way to make a store for one test. */
export interface ReadModelStoreContractOptions {
  /**
   * Creates a store for one test; tests use collection and projection names of their own, and expect an empty outbox
   * (give each store a tenant of its own where the storage is shared).
   */
  readonly create: () => Promise<{
    readonly store: ReadModelStore;
    readonly teardown?: () => Promise<void>;
  }>;
  /**
   * Creates two stores over the same storage for two different tenants, for the tests of tenant isolation; leave it
   * out for a store that has no tenants (those tests are then skipped).
   */
  readonly createTenants?: () => Promise<{
    readonly stores: readonly [ReadModelStore, ReadModelStore];
    readonly teardown?: () => Promise<void>;
  }>;
  /** Per-test timeout in ms; default 20 s. */
  readonly timeout?: number;
}

/** Everything a read-model contract test needs: a fresh store and names no other test uses. */
export interface ReadModelHarness {
  withStore(body: (store: ReadModelStore, name: () => string) => Promise<void>): Promise<void>;
  /** Two tenants' stores over the same storage; undefined when the store has no tenants. */
  readonly withTenants:
    | ((
        body: (stores: readonly [ReadModelStore, ReadModelStore], name: () => string) => Promise<void>,
      ) => Promise<void>)
    | undefined;
}

let counter = 0;

/** A collection or projection name unique to one test: lower-case letters and digits, starting with a letter. */
export const uniqueName = (): string =>
  `rm${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** A commit of nothing but the checkpoint, with `patch` applied. */
export const commitOf = (
  collection: string,
  checkpoint: { readonly expected: bigint | undefined; readonly next: Checkpoint },
  patch: Partial<Omit<ReadModelCommit, 'collection' | 'checkpoint'>> = {},
): ReadModelCommit => ({
  collection,
  documents: [],
  timers: [],
  aliases: [],
  deadLetters: [],
  checkpoint,
  ...patch,
});

/** A checkpoint move from `expected` to `position` (watermark left undefined). */
export const move = (expected: bigint | undefined, position: bigint) => ({
  expected,
  next: { position, watermark: undefined },
});

/** Every document of a collection by key, read through `list` in small pages (a key may be `__proto__`: own entries). */
export const allDocuments = async (store: ReadModelStore, collection: string) => {
  const entries: [string, unknown][] = [];
  let after: string | undefined;
  do {
    const page = await store.list(collection, after === undefined ? { limit: 3 } : { after, limit: 3 });
    for (const { key, document } of page.documents) entries.push([key, document]);
    after = page.next;
  } while (after !== undefined);
  return Object.fromEntries(entries);
};

/** Everything a collection holds, for comparing before and after a refused commit. */
export const everything = async (store: ReadModelStore, collection: string, projection: string) => ({
  documents: await allDocuments(store, collection),
  timers: await store.listTimers(collection),
  aliases: [...(await store.listAliases(collection))].sort((a, b) => (a.from < b.from ? -1 : 1)),
  deadLetters: await store.listDeadLetters(collection),
  checkpoint: await store.readCheckpoint(collection),
  active: await store.activeVersion(projection),
});

/** What a promise rejects with; undefined when it resolves. */
export const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
