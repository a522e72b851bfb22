import type { PreparedEvent } from '@rapport/core';
import { encodeText } from './textCodec';

/** Joins the JSON documents of one column; JSON text never holds U+001E unescaped. */
const SEPARATOR = '\u001e';

/** Prepared events as the column parameters the append functions take. */
export interface EventColumns {
  readonly ids: string[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
  readonly occurredAt: string[];
}

/** Empty columns. */
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

/** An array literal of values that need no quoting (numbers, UUIDs, ISO timestamps). */
export const plainArray = (values: readonly (string | number)[]): string => `{${values.join(',')}}`;

/** An array literal of arbitrary text (or nulls). */
export const textArray = (values: readonly (string | null)[]): string =>
  `{${values.map((value) => (value === null ? 'NULL' : `"${value.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

/**
 * The five column parameters: ids, types, data, metadata, occurred-at. Ids were checked to be UUIDs by
 * `prepareEvents` and times are `toISOString()` output, so neither needs quoting; data and metadata go as one
 * separator-joined text each (split by the function) instead of array literals, which spares escaping every document.
 */
export const columnParams = (columns: EventColumns): string[] => [
  plainArray(columns.ids),
  textArray(columns.types),
  columns.data.join(SEPARATOR),
  columns.metadata.join(SEPARATOR),
  plainArray(columns.occurredAt),
];
