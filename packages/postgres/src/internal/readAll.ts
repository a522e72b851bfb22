import {
  normalizeReadAllOptions,
  type ReadAllOptions,
  type ReadAllResult,
  type RecordedEvent,
} from '@rapport/core';
import { type EventRow, eventFromRow } from './eventRows';
import { sleep } from './sleep';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

/** With a filter, one page scans at most this many events (or `maxCount`, if larger) of the log. */
export const filteredScanLimit = 10_000;

/** A page of the log plus what the reader needs to know about events beyond the horizon. */
export interface LogPage extends ReadAllResult {
  /** Committed events exist after `lastPosition` that are not safe to expose yet. */
  readonly pending: boolean;
  /** The last committed position, safe or not. */
  readonly visibleHead: bigint;
}

type PageRow = Partial<EventRow> & {
  readonly last_scanned: string | null;
  readonly scanned: number;
  readonly visible_head: string | null;
};

/** Reads one page of the log below the horizon; never waits. */
export const readPage = async (
  context: StoreContext,
  options: ReturnType<typeof normalizeReadAllOptions>,
): Promise<LogPage> => {
  const { after, maxCount, types, streamPrefix } = options;
  const filtered = types !== undefined || streamPrefix !== '';
  const scanLimit = filtered ? Math.max(maxCount, filteredScanLimit) : maxCount;
  const rows = await context.db.query<PageRow>(context.statements.readAll, [
    context.tenant,
    after.toString(),
    types === undefined ? null : [...types].map(encodeText),
    encodeText(streamPrefix),
    scanLimit,
    maxCount,
  ]);
  const summary = rows[0];
  const visibleHead = BigInt(summary?.visible_head ?? '0');
  const scanned = summary?.scanned ?? 0;
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    if (row.global_position != null) events.push(context.lift(eventFromRow(row as EventRow)));
  }
  const lastEvent = events.at(-1);
  if (events.length === maxCount && lastEvent !== undefined) {
    const lastPosition = lastEvent.globalPosition;
    return { events, lastPosition, isEnd: lastPosition >= visibleHead, pending: false, visibleHead };
  }
  const lastPosition = summary?.last_scanned == null ? after : BigInt(summary.last_scanned);
  if (scanned >= scanLimit) {
    return { events, lastPosition, isEnd: lastPosition >= visibleHead, pending: false, visibleHead };
  }
  const pending = visibleHead > lastPosition;
  return { events, lastPosition, isEnd: !pending, pending, visibleHead };
};

/**
 * Reads a page of the log in commit-safe order. When committed events sit beyond the horizon (an older
 * transaction is still open), waits up to `horizonWaitMs` for them, so a reader sees what was appended before it
 * asked; after that it answers with what is safe and `isEnd: false`.
 */
export const readAll = async (context: StoreContext, options?: ReadAllOptions): Promise<ReadAllResult> => {
  await context.ready();
  const normalized = normalizeReadAllOptions(options);
  const deadline = Date.now() + context.horizonWaitMs;
  let page = await readPage(context, normalized);
  const target = page.visibleHead;
  for (let delay = 1; page.pending && page.lastPosition < target && Date.now() < deadline; delay *= 2) {
    await sleep(Math.min(delay, 50, Math.max(0, deadline - Date.now())));
    page = await readPage(context, normalized);
  }
  return { events: page.events, lastPosition: page.lastPosition, isEnd: page.isEnd };
};
