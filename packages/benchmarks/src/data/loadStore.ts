import type { EventStore, StreamAppend } from '@rapport/core';
import type { GeneratedTouchpoint } from './touchpoints';

/** Appends generated touchpoints in bulk calls of about `chunk` events, grouped by stream, in log order. */
export const loadStore = async (
  store: EventStore,
  touchpoints: Iterable<GeneratedTouchpoint>,
  chunk = 10_000,
): Promise<number> => {
  let count = 0;
  let batch = new Map<string, GeneratedTouchpoint['event'][]>();
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
