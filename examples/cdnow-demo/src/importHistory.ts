import type { EventStore, EventToAppend } from '@rapport/core';

/** Appends history in event-time order through the bulk path, a page of streams at a time. */
export const importHistory = async (
  store: EventStore,
  items: readonly { readonly streamId: string; readonly event: EventToAppend }[],
  pageSize = 2_000,
): Promise<void> => {
  for (let start = 0; start < items.length; start += pageSize) {
    const byStream = new Map<string, EventToAppend[]>();
    for (const { streamId, event } of items.slice(start, start + pageSize)) {
      const events = byStream.get(streamId);
      if (events) events.push(event);
      else byStream.set(streamId, [event]);
    }
    await store.appendToStreams([...byStream].map(([streamId, events]) => ({ streamId, events })));
  }
};
