import { type AppendResult, appendResultOf, deterministicId } from '@rapport/core';
import type { StoreContext } from './context';
import { idempotencyKeyOf, idempotencyMarkOf } from './envelope';
import type { StoredRecord } from './gateway';

/**
 * The id of event `index` of an append keyed by `key` on `streamId`. It is the same on every attempt, so when
 * two attempts race, EventStoreDB sees the same event ids and acknowledges the second without writing it.
 */
export const idempotentEventId = (streamId: string, key: string, index: number): string =>
  deterministicId('rapport/eventstoredb/idempotency', streamId, key, String(index));

/** Reads the `size` records of one append, starting at revision `first`. */
export const readBatch = async (
  context: StoreContext,
  streamId: string,
  first: bigint,
  size: number,
): Promise<StoredRecord[]> => {
  const out: StoredRecord[] = [];
  let from = first;
  while (out.length < size) {
    const want = Math.min(context.config.pageSize, size - out.length);
    const page = await context.gateway.readStream(streamId, { direction: 'forwards', from, maxCount: want });
    const last = page === 'no_stream' ? undefined : page.at(-1);
    if (page === 'no_stream' || last === undefined) break;
    out.push(...page);
    from = last.revision + 1n;
  }
  return out;
};

/**
 * Finds the append that first carried `key` on the stream by scanning it backwards, page by page (recent keys
 * are found at once; a new key costs one read of the stream). Returns its records, or undefined.
 */
export const findKeyedAppend = async (
  context: StoreContext,
  streamId: string,
  key: string,
): Promise<StoredRecord[] | undefined> => {
  const { pageSize } = context.config;
  let from: bigint | 'end' = 'end';
  for (;;) {
    const page = await context.gateway.readStream(streamId, {
      direction: 'backwards',
      from,
      maxCount: pageSize,
    });
    if (page === 'no_stream') return undefined;
    for (const record of page) {
      const mark = idempotencyMarkOf(record);
      if (mark !== undefined && idempotencyKeyOf(record) === key) {
        return readBatch(context, streamId, record.revision, mark.size);
      }
    }
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined || last.revision === 0n) return undefined;
    from = last.revision - 1n;
  }
};

/** The result of an append whose records are stored; events as written, not lifted (as the in-memory store). */
export const resultOf = (
  context: StoreContext,
  streamId: string,
  records: readonly StoredRecord[],
  duplicate: boolean,
): AppendResult => appendResultOf(streamId, records.map(context.toAppended), duplicate);
