import type { RecordedEvent } from '@rapport/core';
import type { Gateway, PersistentDelivery, StoredRecord } from '../gateway';

/** A stream's events a batch must apply, or why it cannot. */
export type StreamEvents =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'unreadable'; readonly error: unknown };

/** What the batch needs to know to fill a stream's gap. */
export interface GapSource {
  readonly gateway: Gateway;
  readonly toRecorded: (record: StoredRecord) => RecordedEvent;
  readonly pageSize: number;
}

const readRange = async (source: GapSource, streamId: string, from: bigint, to: bigint) => {
  const out: StoredRecord[] = [];
  let next = from;
  while (next <= to) {
    const count = Number(to - next + 1n);
    const page = await source.gateway.readStream(streamId, {
      direction: 'forwards',
      from: next,
      maxCount: Math.min(count, source.pageSize),
    });
    if (page === 'no_stream' || page.length === 0) break;
    for (const record of page) if (record.revision <= to) out.push(record);
    next = page.at(-1)!.revision + 1n;
  }
  return out;
};

/**
 * The events of one stream from just after `applied` (the last revision the read model holds; -1n: none) up to the
 * highest revision delivered. Delivered messages are used as they are when they cover that range without a hole;
 * otherwise (an earlier event is still in flight elsewhere, was filtered out by type, or will be redelivered later) the
 * range is read from the stream itself, which is ordered and complete. So the stream's order never depends on the order
 * of delivery.
 */
export const streamEvents = async (
  source: GapSource,
  streamId: string,
  deliveries: readonly PersistentDelivery[],
  applied: bigint,
): Promise<StreamEvents> => {
  const delivered = new Map<bigint, StoredRecord>();
  for (const { record } of deliveries) if (record !== undefined) delivered.set(record.revision, record);
  const target = [...delivered.keys()].reduce((max, revision) => (revision > max ? revision : max), -1n);
  if (target <= applied) return { kind: 'duplicate' };
  let records: StoredRecord[] = [];
  for (let revision = applied + 1n; revision <= target; revision++) {
    const record = delivered.get(revision);
    if (record === undefined) {
      records = await readRange(source, streamId, applied + 1n, target);
      break;
    }
    records.push(record);
  }
  // a stream truncated or deleted meanwhile: apply what was delivered
  if (records.length === 0) records = [...delivered.values()].filter((record) => record.revision > applied);
  try {
    return { kind: 'events', events: records.map(source.toRecorded) };
  } catch (error) {
    return { kind: 'unreadable', error };
  }
};
