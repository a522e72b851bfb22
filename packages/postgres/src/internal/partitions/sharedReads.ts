import type { EventStore, ReadAllOptions, ReadAllResult } from '@rapport/core';

/**
 * An event store whose full `readAll` pages are shared by the runners of one process: partitions read the same log,
 * usually from nearby positions, so a page one runner read is served to the others from memory. Only full pages
 * (`maxCount` events, an immutable stretch of the log) are kept, the `limit` most recent ones; everything else
 * goes to the store.
 */
export const sharedReads = (store: EventStore, limit: () => number): EventStore => {
  const pages = new Map<string, Promise<ReadAllResult>>();
  const readAll = (options: ReadAllOptions = {}): Promise<ReadAllResult> => {
    if (options.types !== undefined || options.streamPrefix !== undefined) return store.readAll(options);
    const id = `${options.after ?? 0n}/${options.maxCount ?? 1000}`;
    const hit = pages.get(id);
    if (hit !== undefined) return hit;
    const page = store.readAll(options).then(
      (result) => {
        if (result.events.length < (options.maxCount ?? 1000)) pages.delete(id);
        return result;
      },
      (error: unknown) => {
        pages.delete(id);
        throw error;
      },
    );
    pages.set(id, page);
    while (pages.size > Math.max(1, limit())) pages.delete(pages.keys().next().value!);
    return page;
  };
  return { ...store, readAll };
};
