import type { EventStore, EventToAppend, StreamAppend } from '@rapport/core';

/** Appends generated touchpoints in bulk calls of about `chunk` events, grouped by stream, in log order. */
export const loadStore = async (
  store: EventStore,
  touchpoints: Iterable<{ readonly streamId: string; readonly event: EventToAppend }>,
  chunk = 10_000,
): Promise<number> => {
  let count = 0;
  let batch = new Map<string, EventToAppend[]>();
  let size = 0;
  const flush = async () => {
    const appends: StreamAppend[] = [...batch].map(([streamId, events]) => ({ streamId, events }));
    if (appends.length > 0) await store.appendToStreams(appends);
    batch = new Map();
    size = 0;
  };
  for (const { streamId, event } of touchpoints) {
    const events = batch.get(streamId);
    if (events === undefined) batch.set(streamId, [event]);
    else events.push(event);
    count++;
    if (++size >= chunk) await flush();
  }
  await flush();
  return count;
};
