import type { ServerFilter, StoredRecord } from './gateway';

/** The filter a read or a subscription asks for, normalized by core's `normalizeFilter`. */
export interface RecordFilter {
  readonly types: ReadonlySet<string> | undefined;
  readonly streamPrefix: string;
}

/** True for EventStoreDB's own events: `$`-prefixed types (`$>` links, `$metadata`…) or streams (`$stats-…`). */
export const isSystemRecord = (record: Pick<StoredRecord, 'type' | 'streamId'>): boolean =>
  record.type.startsWith('$') || record.streamId.startsWith('$');

/** The client-side test every record passes before it is delivered: never a system event, then the filter. */
export const matchesFilter = (
  record: Pick<StoredRecord, 'type' | 'streamId'>,
  filter: RecordFilter,
): boolean =>
  !isSystemRecord(record) &&
  (filter.types === undefined || filter.types.has(record.type)) &&
  record.streamId.startsWith(filter.streamPrefix);

/** Escapes a literal for a .NET regular expression (the server's dialect). */
export const escapeRegex = (literal: string): string => literal.replace(/[\\^$.|?*+()[\]{}#\s]/g, '\\$&');

/**
 * The part of a filter the server can apply to a subscription: it filters on one field only, so exact types
 * win (an anchored alternation; `^$` matches nothing, as no type is empty); else the stream prefix; else
 * user events only. Whatever the server does not apply, `matchesFilter` applies on arrival.
 */
export const serverFilterFor = (filter: RecordFilter): ServerFilter => {
  if (filter.types !== undefined) {
    const names = [...filter.types].filter((type) => !type.startsWith('$')).map(escapeRegex);
    return { on: 'eventType', regex: names.length === 0 ? '^$' : `^(?:${names.join('|')})$` };
  }
  if (filter.streamPrefix !== '' && !filter.streamPrefix.startsWith('$')) {
    return { on: 'streamName', prefixes: [filter.streamPrefix] };
  }
  return { on: 'eventType', regex: '^[^$]' };
};
