import { deepFreeze, type EventMetadata, type PreparedEvent, type RecordedEvent } from '@rapport/core';

import { decodeText } from './textCodec';

/** An event row as every read statement returns it (all text, decoded here). */
export interface EventRow {
  readonly global_position: string;
  readonly stream_id: string;
  readonly stream_position: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Decodes a row into an immutable recorded event. */
export const eventFromRow = (row: EventRow): RecordedEvent =>
  deepFreeze({
    id: row.event_id,
    type: decodeText(row.type),
    data: JSON.parse(row.data) as unknown,
    streamId: decodeText(row.stream_id),
    streamPosition: BigInt(row.stream_position),
    globalPosition: BigInt(row.global_position),
    metadata: JSON.parse(row.metadata) as EventMetadata,
  });

/** The recorded form of events this store has just written. */
export const recordPrepared = (
  streamId: string,
  prepared: readonly PreparedEvent[],
  firstStreamPosition: bigint,
  firstGlobalPosition: bigint,
): RecordedEvent[] =>
  prepared.map((event, index) =>
    // metadata holds only strings and numbers (core checks it strictly): a shallow freeze is a deep one, and cheaper
    Object.freeze({
      id: event.id,
      type: event.type,
      data: deepFreeze(event.data),
      streamId,
      streamPosition: firstStreamPosition + BigInt(index),
      globalPosition: firstGlobalPosition + BigInt(index),
      metadata: Object.freeze(event.metadata),
    }),
  );

/** Parses a one-dimensional PostgreSQL array of numbers in text form, e.g. `{1,NULL,3}`. */
export const parseNumberArray = (text: string | null): (bigint | undefined)[] =>
  text === null || text === '{}'
    ? []
    : text
        .slice(1, -1)
        .split(',')
        .map((item) => (item === 'NULL' ? undefined : BigInt(item)));
