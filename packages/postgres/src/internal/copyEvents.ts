import type pg from 'pg';
import type { PositionedBulk } from './bulkResults';
import { copyFrom } from './copyFrom';
import { quoteIdentifier } from './identifier';
import type { PlannedAppend } from './planAppend';
import type { StoreContext } from './storeContext';
import { encodeText } from './textCodec';

const COLUMNS =
  'global_position, tenant_id, stream_id, stream_position, event_id, type, data, metadata, occurred_at, recorded_at, idempotency_key, append_size';

const SPECIAL = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A field of COPY's text format. */
const field = (value: string | null): string =>
  value === null ? '\\N' : value.replace(SPECIAL, (char) => escapes[char] ?? char);

const CHUNK = 256 * 1024;

/**
 * Streams the positioned events of a bulk append into the events table with COPY, inside the transaction that
 * `prepare_append_to_streams` opened on `client` (so the rows carry its transaction id, assigned under the
 * position mutex). Text format, sent in chunks of about 256 KB.
 */
export const copyEvents = async (
  context: StoreContext,
  client: pg.PoolClient,
  plans: readonly PlannedAppend[],
  positioned: PositionedBulk,
  recordedAt: string,
): Promise<void> => {
  const tenant = field(context.tenant);
  const chunks: string[] = [];
  let chunk = '';
  for (const [index, result] of positioned.results.entries()) {
    if (result === undefined) continue;
    const plan = plans[index];
    const stream = field(encodeText(result.streamId));
    const key = plan?.key === undefined ? null : encodeText(plan.key);
    for (const [i, event] of result.events.entries()) {
      chunk += `${event.globalPosition}\t${tenant}\t${stream}\t${event.streamPosition}\t${event.id}\t${field(
        encodeText(event.type),
      )}\t${field(JSON.stringify(event.data))}\t${field(JSON.stringify(event.metadata))}\t${
        event.metadata.occurredAt
      }\t${recordedAt}\t${field(i === 0 ? key : null)}\t${i === 0 && key !== null ? result.events.length : '\\N'}\n`;
      if (chunk.length >= CHUNK) {
        chunks.push(chunk);
        chunk = '';
      }
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  await copyFrom(client, `COPY ${quoteIdentifier(context.schema)}.events (${COLUMNS}) FROM STDIN`, chunks);
};
