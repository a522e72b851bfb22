import {
  assertStreamId,
  normalizeReadStreamOptions,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
} from '@rapport/core';
import type { StoreContext } from './context';

/** The revision of the stream's last event, or undefined when the stream does not exist. */
export const headRevision = async (context: StoreContext, streamId: string): Promise<bigint | undefined> => {
  const last = await context.gateway.readStream(streamId, {
    direction: 'backwards',
    from: 'end',
    maxCount: 1,
  });
  return last === 'no_stream' ? undefined : last[0]?.revision;
};

/**
 * Reads one stream in pages. The reported revision comes from the read itself when the read sees the end
 * (a full forwards read, or backwards from the end); otherwise it is read first, so it is never newer than
 * the events returned and appending with it can only conflict, never skip an unseen event.
 */
export const readStream = async (
  context: StoreContext,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<ReadStreamResult> => {
  context.ensureOpen();
  assertStreamId(streamId);
  const { direction, maxCount, fromRevision, until } = normalizeReadStreamOptions(options);
  const { gateway, config } = context;
  const missing: ReadStreamResult = { streamId, exists: false, revision: undefined, events: [] };
  const fromEnd = direction === 'backwards' && fromRevision === undefined;
  const toEnd = direction === 'forwards' && maxCount === Number.MAX_SAFE_INTEGER;
  let revision: bigint | undefined;
  if (!fromEnd && !toEnd) {
    revision = await headRevision(context, streamId);
    if (revision === undefined) return missing;
  }
  const events: RecordedEvent[] = [];
  const pageSize = () =>
    until === undefined ? Math.min(config.pageSize, maxCount - events.length) : config.pageSize;
  const take = (event: RecordedEvent) => {
    if (until === undefined || event.metadata.occurredAt <= until) events.push(event);
  };

  if (direction === 'forwards') {
    let from = fromRevision ?? 0n;
    for (;;) {
      const want = pageSize();
      const page = await gateway.readStream(streamId, { direction, from, maxCount: want });
      if (page === 'no_stream') return missing;
      for (const record of page) {
        if (events.length >= maxCount) break;
        if (toEnd) revision = record.revision;
        take(context.toRecorded(record));
      }
      const last = page.at(-1);
      if (events.length >= maxCount || page.length < want || last === undefined) break;
      from = last.revision + 1n;
    }
    if (revision === undefined) revision = await headRevision(context, streamId); // read started past the end
  } else {
    let from: bigint | 'end' =
      fromRevision === undefined || revision === undefined || fromRevision > revision ? 'end' : fromRevision;
    for (;;) {
      const want = pageSize();
      const page = await gateway.readStream(streamId, { direction, from, maxCount: want });
      if (page === 'no_stream') return missing;
      if (revision === undefined) revision = page[0]?.revision;
      for (const record of page) {
        if (events.length >= maxCount) break;
        take(context.toRecorded(record));
      }
      const last = page.at(-1);
      if (events.length >= maxCount || page.length < want || last === undefined || last.revision === 0n)
        break;
      from = last.revision - 1n;
    }
  }
  return revision === undefined ? missing : { streamId, exists: true, revision, events };
};
