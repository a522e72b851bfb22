import type { Statement } from './database';
import { quoteIdentifier, statementName } from './identifier';

/** The columns every read returns, as text, so a pool with custom type parsers cannot change what we decode. */
const EVENT_COLUMNS = `e.global_position::text AS global_position, e.stream_id, e.stream_position::text AS stream_position,
  e.event_id::text AS event_id, e.type, e.data::text AS data, e.metadata::text AS metadata`;

/** The horizon: rows of transactions below it can all be seen, and nothing below it can still commit. */
const SAFE = 'e.transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';

/** Every statement the store runs, named per schema so they are prepared once per connection. */
export const createStatements = (schema: string) => {
  const s = quoteIdentifier(schema);
  const statement = (key: string, action: string, text: string): Statement => ({
    name: statementName(schema, key),
    action,
    text,
  });
  return {
    // called in the select list, not as a table function: one column, the answer as text (see v9TextResults)
    appendEvent: statement(
      'appendEventText',
      'appendToStream',
      `SELECT ${s}.append_event_text($1, $2, $3, $4, $5, $6::uuid, $7, $8::json, $9::json, $10::timestamptz) AS result`,
    ),
    appendToStream: statement(
      'appendToStreamText',
      'appendToStream',
      `SELECT ${s}.append_to_stream_text($1, $2, $3, $4, $5, $6::uuid[], $7::text[], $8::text, $9::text,
         $10::timestamptz[]) AS result`,
    ),
    // the v11 functions: a repeated idempotency key stops the call before anything is written
    appendToStreams: statement(
      'appendToStreamsChecked',
      'appendToStreams',
      `SELECT conflict_index, conflict_revision::text AS conflict_revision, first_position::text AS first_position,
         revisions::text AS revisions, duplicate_from::text AS duplicate_from, duplicate_sizes::text AS duplicate_sizes
       FROM ${s}.append_to_streams_checked($1, $2, $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[],
         $9::uuid[], $10::text[], $11::text, $12::text, $13::timestamptz[])`,
    ),
    prepareAppendToStreams: statement(
      'prepareAppendToStreamsChecked',
      'appendToStreams',
      `SELECT conflict_index, conflict_revision::text AS conflict_revision, first_position::text AS first_position,
         revisions::text AS revisions, duplicate_from::text AS duplicate_from, duplicate_sizes::text AS duplicate_sizes
       FROM ${s}.prepare_append_to_streams_checked($1, $2::text[], $3::text[], $4::text[], $5::int[])`,
    ),
    checkStreams: statement(
      'checkStreams',
      'appendToStreams',
      `SELECT c.revision::text AS revision, d.stream_position IS NOT NULL AS duplicate
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(stream, key, ord)
       LEFT JOIN LATERAL (SELECT e.stream_position AS revision FROM ${s}.events e
         WHERE e.tenant_id = $1 AND e.stream_id = u.stream ORDER BY e.stream_position DESC LIMIT 1) c ON true
       LEFT JOIN LATERAL (SELECT e.stream_position FROM ${s}.events e
         WHERE u.key IS NOT NULL AND e.tenant_id = $1 AND e.stream_id = u.stream AND e.idempotency_key = u.key) d ON true
       ORDER BY u.ord`,
    ),
    findDuplicate: statement(
      'findDuplicate',
      'appendToStream',
      `SELECT ${EVENT_COLUMNS} FROM ${s}.events k
       JOIN ${s}.events e ON e.tenant_id = k.tenant_id AND e.stream_id = k.stream_id
         AND e.stream_position BETWEEN k.stream_position AND k.stream_position + k.append_size - 1
       WHERE k.tenant_id = $1 AND k.stream_id = $2 AND k.idempotency_key = $3
       ORDER BY e.stream_position`,
    ),
    readAppended: statement(
      'readAppended',
      'appendToStreams',
      `SELECT ${EVENT_COLUMNS} FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS r(stream, first, last)
       JOIN ${s}.events e ON e.tenant_id = $1 AND e.stream_id = r.stream AND e.stream_position BETWEEN r.first AND r.last
       ORDER BY e.stream_id, e.stream_position`,
    ),
    readStreamForwards: statement(
      'readStreamForwards',
      'readStream',
      `SELECT h.revision::text AS revision, x.* FROM (SELECT (SELECT e.stream_position FROM ${s}.events e
         WHERE e.tenant_id = $1 AND e.stream_id = $2 ORDER BY e.stream_position DESC LIMIT 1) AS revision) h
       LEFT JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM ${s}.events e
         WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_position >= $3
           AND ($4::timestamptz IS NULL OR e.occurred_at <= $4::timestamptz)
         ORDER BY e.stream_position LIMIT $5) x ON h.revision IS NOT NULL
       ORDER BY x.stream_position::bigint`,
    ),
    readStreamBackwards: statement(
      'readStreamBackwards',
      'readStream',
      `SELECT h.revision::text AS revision, x.* FROM (SELECT (SELECT e.stream_position FROM ${s}.events e
         WHERE e.tenant_id = $1 AND e.stream_id = $2 ORDER BY e.stream_position DESC LIMIT 1) AS revision) h
       LEFT JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM ${s}.events e
         WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.stream_position <= $3
           AND ($4::timestamptz IS NULL OR e.occurred_at <= $4::timestamptz)
         ORDER BY e.stream_position DESC LIMIT $5) x ON h.revision IS NOT NULL
       ORDER BY x.stream_position::bigint DESC`,
    ),
    readAll: statement(
      'readAll',
      'readAll',
      `WITH scan AS (
         SELECT e.*, ($3::text[] IS NULL OR e.type = ANY($3::text[])) AND starts_with(e.stream_id, $4) AS hit
         FROM ${s}.events e
         WHERE e.tenant_id = $1 AND e.global_position > $2 AND ${SAFE}
         ORDER BY e.global_position LIMIT $5
       ), summary AS (
         SELECT max(global_position)::text AS last_scanned, count(*)::int AS scanned,
           (SELECT v.global_position FROM ${s}.events v WHERE v.tenant_id = $1
            ORDER BY v.global_position DESC LIMIT 1)::text AS visible_head
         FROM scan
       )
       SELECT m.last_scanned, m.scanned, m.visible_head, x.*
       FROM summary m LEFT JOIN LATERAL (
         SELECT ${EVENT_COLUMNS} FROM scan e WHERE e.hit ORDER BY e.global_position LIMIT $6
       ) x ON true
       ORDER BY x.global_position::bigint`,
    ),
    headPosition: statement(
      'headPosition',
      'headPosition',
      `SELECT (SELECT e.global_position FROM ${s}.events e WHERE e.tenant_id = $1 AND ${SAFE}
                ORDER BY e.global_position DESC LIMIT 1)::text AS safe_head,
              (SELECT e.global_position FROM ${s}.events e WHERE e.tenant_id = $1
                ORDER BY e.global_position DESC LIMIT 1)::text AS visible_head`,
    ),
  } as const;
};

/** The statements of one schema. */
export type Statements = ReturnType<typeof createStatements>;

/** The NOTIFY channel of a schema. */
export const channelOf = (schema: string): string => `rapport_${schema}`;
