import {
  normalizeReadAllOptions,
  RapportError,
  type ReadAllOptions,
  type ReadAllResult,
  type RecordedEvent,
} from '@rapport/core';
import { positionOf, type StoreContext } from './context';
import { isSystemRecord, matchesFilter } from './filters';
import type { LogPosition } from './gateway';
import { isAfter, logPositionOf } from './positions';

/**
 * Reads a page of `$all` strictly after `after`, in server pages of `pageSize` records (never an unbounded
 * read). The client (6.2.1) cannot filter reads server-side, so system events, types and the stream prefix
 * are filtered here; `lastPosition` still advances over what was filtered out.
 */
export const readAll = async (context: StoreContext, options?: ReadAllOptions): Promise<ReadAllResult> => {
  context.ensureOpen();
  const { after, maxCount, types, streamPrefix } = normalizeReadAllOptions(options);
  const filter = { types, streamPrefix };
  const events: RecordedEvent[] = [];
  let cursor = logPositionOf(after);
  let lastPosition = after;
  for (;;) {
    // once the page is full, look only for whether anything follows (2: the first is the inclusive start)
    const want = events.length >= maxCount ? 2 : context.config.pageSize;
    const page = await context.gateway.readAll({ direction: 'forwards', from: cursor, maxCount: want });
    const start = cursor;
    for (const record of page) {
      const position = positionOf(record);
      if (!isAfter(position, cursor)) continue; // forwards reads include the record at `from`
      if (events.length >= maxCount) return { events, lastPosition, isEnd: false };
      cursor = position;
      lastPosition = position.commit;
      if (matchesFilter(record, filter)) events.push(context.toRecorded(record));
    }
    if (page.length < want) return { events, lastPosition, isEnd: true };
    if (cursor === start) {
      throw new RapportError(
        'StoreUnavailable',
        'EventStoreDB returned a full page of $all that did not advance',
      );
    }
  }
};

/** The position of the last user event in `$all` (system events skipped), 0n when there is none. */
export const headPosition = async (context: StoreContext): Promise<bigint> => {
  context.ensureOpen();
  const { pageSize } = context.config;
  let from: LogPosition | 'end' = 'end';
  for (;;) {
    const page = await context.gateway.readAll({ direction: 'backwards', from, maxCount: pageSize });
    for (const record of page) if (!isSystemRecord(record)) return positionOf(record).commit;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return 0n;
    from = positionOf(last); // backwards reads exclude the record at `from`
  }
};
