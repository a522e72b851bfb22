import type { PreparedEvent } from '@rapport/core';
import { encodeText } from './textCodec';

/** Prepared events as the parallel arrays the append functions take (one array per column). */
export interface EventColumns {
  readonly ids: string[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
  readonly occurredAt: string[];
}

/** Empty column arrays. */
export const emptyColumns = (): EventColumns => ({
  ids: [],
  types: [],
  data: [],
  metadata: [],
  occurredAt: [],
});

/** Appends `events` to `columns`; returns `columns`. */
export const pushColumns = (columns: EventColumns, events: readonly PreparedEvent[]): EventColumns => {
  for (const event of events) {
    columns.ids.push(event.id);
    columns.types.push(encodeText(event.type));
    columns.data.push(JSON.stringify(event.data));
    columns.metadata.push(JSON.stringify(event.metadata));
    columns.occurredAt.push(event.metadata.occurredAt);
  }
  return columns;
};
