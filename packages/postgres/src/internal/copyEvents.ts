import {
  type AppendResult,
  type PrepareContext,
  type PreparedEvent,
  prepareEvents,
  type RecordedEvent,
} from '@rapport/core';
import type pg from 'pg';
import type { BulkRow } from './bulkResults';
import { copyFrom } from './copyFrom';
import { parseNumberArray, recordPrepared } from './eventRows';
import { quoteIdentifier } from './identifier';
import type { CheckedAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

const COLUMNS =
  'global_position, tenant_id, stream_id, stream_position, event_id, type, data, metadata, occurred_at, recorded_at, idempotency_key, append_size';

const SPECIAL = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field of COPY's text format. */
const field = (value: string | null): string =>
  value === null ? '\\N' : value.replace(SPECIAL, (char) => escapes[char] ?? char);

/** A JSON document as a COPY field: JSON text holds no raw tab or line break, only backslashes need doubling. */
const jsonField = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

const CHUNK = 256 * 1024;

/** The rows of one stream's events, in COPY text format. */
const rowsOf = (tenant: string, key: string | null, events: readonly RecordedEvent[], recordedAt: string) => {
  const stream = field(encodeText(events[0]?.streamId ?? ''));
  let text = '';
  for (const [i, event] of events.entries()) {
    const type = field(encodeText(event.type));
    const data = jsonField(JSON.stringify(event.data));
    const metadata = jsonField(JSON.stringify(event.metadata));
    const keyed = i === 0 && key !== null;
    text += `${event.globalPosition}\t${tenant}\t${stream}\t${event.streamPosition}\t${event.id}\t${type}\t${data}\t${metadata}\t${event.metadata.occurredAt}\t${recordedAt}\t${keyed ? field(key) : '\\N'}\t${keyed ? events.length : '\\N'}\n`;
  }
  return text;
};

/**
 * Streams a bulk append into the events table with COPY, inside the transaction where `prepare_append_to_streams`
 * checked the streams and allocated `row.first_position` onwards (so the rows carry its transaction id, assigned
 * under the position mutex). Events are validated as they are streamed, so validation and serialisation here
 * overlap with the server's work on the rows already sent; an invalid event fails the COPY, which aborts the
 * transaction; its error is left in `failed.invalid`. Returns one result per append (a call that writes repeats no key).
 */
export const copyEvents = async (
  context: StoreContext,
  client: pg.PoolClient,
  appends: readonly CheckedAppend[],
  row: BulkRow,
  prepare: PrepareContext,
  failed: { invalid?: unknown },
): Promise<AppendResult[]> => {
  const revisions = parseNumberArray(row.revisions);
  const tenant = field(context.tenant);
  const recordedAt = prepare.now.toISOString();
  const results: AppendResult[] = [];
  let next = BigInt(row.first_position ?? '0');
  function* chunks() {
    let chunk = '';
    for (const [index, append] of appends.entries()) {
      const base = revisions[index] ?? -1n;
      let prepared: PreparedEvent[];
      try {
        prepared = prepareEvents(append.streamId, append.events, prepare);
      } catch (invalid) {
        failed.invalid = invalid;
        throw invalid;
      }
      const events = recordPrepared(append.streamId, prepared, base + 1n, next);
      next += BigInt(events.length);
      results.push({
        streamId: append.streamId,
        nextExpectedRevision: base + BigInt(events.length),
        lastGlobalPosition: next - 1n,
        events,
        duplicate: false,
      });
      chunk += rowsOf(tenant, append.key === undefined ? null : encodeText(append.key), events, recordedAt);
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  await copyFrom(client, `COPY ${quoteIdentifier(context.schema)}.events (${COLUMNS}) FROM STDIN`, chunks());
  return results;
};
