import { lockKeys } from './lockKeys';
import type { Migration } from './migration';

/**
 * The write path, one round trip per append. Ordering invariant (see README, "Global order"):
 *
 * 1. Writers of one stream are serialised by a transaction-level advisory lock on the stream (taken under a
 *    shared "gate" lock; bulk appends over many streams take the gate exclusively instead, which bounds the
 *    number of locks). Advisory locks assign no transaction id, and the revision and idempotency checks run
 *    under them, so a conflict or a duplicate is decided before anything is written or allocated.
 * 2. `allocate_positions` then takes a session-level mutex, assigns the transaction id (the first write of the
 *    transaction happens after it) and takes the global positions from the sequence, then releases the mutex.
 *    Hence for any two appends, positions are ordered as their transaction ids are.
 * 3. Readers return only rows whose transaction id is below the xmin of their snapshot: every transaction
 *    below it has ended, so no lower position can commit later. Since positions follow transaction ids, the
 *    rows a reader may return are always a prefix of the log by position, and `after` is a safe cursor.
 *
 * Event data and metadata arrive as one text each, the JSON documents joined by U+001E, which JSON text never
 * holds unescaped: splitting is cheaper, on both sides, than escaping every document into an array literal.
 */
export const v2AppendFunctions: Migration = {
  version: 2,
  name: 'append functions',
  sql: ({ quoted: s, name }) => {
    const { gate, mutex, streamLock } = lockKeys(name);
    return `
CREATE OR REPLACE FUNCTION ${s}.revision_matches(p_expected text, p_revision bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE p_expected
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN p_revision IS NULL
    WHEN 'stream_exists' THEN p_revision IS NOT NULL
    ELSE p_revision IS NOT NULL AND p_revision::numeric = p_expected::numeric
  END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.allocate_positions(p_count integer, OUT transaction_id xid8, OUT first_position bigint)
LANGUAGE plpgsql AS $fn$
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'rapport: an append must be the first write of its transaction' USING ERRCODE = 'RA001';
  END IF;
  PERFORM pg_advisory_lock(${mutex});
  BEGIN
    transaction_id := pg_current_xact_id();
    first_position := nextval('${s}.global_position_seq');
    IF p_count > 1 THEN
      PERFORM setval('${s}.global_position_seq', first_position + p_count - 1);
    END IF;
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(${mutex});
    RAISE;
  END;
  PERFORM pg_advisory_unlock(${mutex});
END
$fn$;

-- the common case, one event: scalar arguments, no arrays, allocation inlined (same steps as allocate_positions)
CREATE OR REPLACE FUNCTION ${s}.append_event(
  p_tenant text, p_stream text, p_expected text, p_key text, p_recorded_at timestamptz,
  p_id uuid, p_type text, p_data json, p_metadata json, p_occurred_at timestamptz,
  OUT outcome smallint, OUT stream_revision bigint, OUT first_position bigint, OUT duplicate_size integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_xid xid8;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${gate});
  PERFORM pg_advisory_xact_lock(${streamLock('p_tenant', 'p_stream')});
  IF p_key IS NOT NULL THEN
    SELECT e.stream_position, e.append_size INTO stream_revision, duplicate_size
      FROM ${s}.events e
      WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream AND e.idempotency_key = p_key;
    IF FOUND THEN
      outcome := 2;
      RETURN;
    END IF;
  END IF;
  SELECT e.stream_position INTO stream_revision
    FROM ${s}.events e
    WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream
    ORDER BY e.stream_position DESC LIMIT 1;
  IF NOT ${s}.revision_matches(p_expected, stream_revision) THEN
    outcome := 1;
    RETURN;
  END IF;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'rapport: an append must be the first write of its transaction' USING ERRCODE = 'RA001';
  END IF;
  PERFORM pg_advisory_lock(${mutex});
  BEGIN
    v_xid := pg_current_xact_id();
    first_position := nextval('${s}.global_position_seq');
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(${mutex});
    RAISE;
  END;
  PERFORM pg_advisory_unlock(${mutex});
  INSERT INTO ${s}.events (global_position, transaction_id, tenant_id, stream_id, stream_position, event_id, type,
    data, metadata, occurred_at, recorded_at, idempotency_key, append_size)
  VALUES (first_position, v_xid, p_tenant, p_stream, coalesce(stream_revision, -1) + 1, p_id, p_type,
    p_data, p_metadata, p_occurred_at, p_recorded_at, p_key, CASE WHEN p_key IS NOT NULL THEN 1 END);
  outcome := 0;
END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.append_to_stream(
  p_tenant text, p_stream text, p_expected text, p_key text, p_recorded_at timestamptz,
  p_ids uuid[], p_types text[], p_data text, p_metadata text, p_occurred_at timestamptz[],
  OUT outcome smallint, OUT stream_revision bigint, OUT first_position bigint, OUT duplicate_size integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := cardinality(p_ids);
  v_xid xid8;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${gate});
  PERFORM pg_advisory_xact_lock(${streamLock('p_tenant', 'p_stream')});
  IF p_key IS NOT NULL THEN
    SELECT e.stream_position, e.append_size INTO stream_revision, duplicate_size
      FROM ${s}.events e
      WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream AND e.idempotency_key = p_key;
    IF FOUND THEN
      outcome := 2;
      RETURN;
    END IF;
  END IF;
  SELECT e.stream_position INTO stream_revision
    FROM ${s}.events e
    WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream
    ORDER BY e.stream_position DESC LIMIT 1;
  IF NOT ${s}.revision_matches(p_expected, stream_revision) THEN
    outcome := 1;
    RETURN;
  END IF;
  SELECT a.transaction_id, a.first_position INTO v_xid, first_position FROM ${s}.allocate_positions(v_count) a;
  INSERT INTO ${s}.events (global_position, transaction_id, tenant_id, stream_id, stream_position, event_id, type,
    data, metadata, occurred_at, recorded_at, idempotency_key, append_size)
  SELECT first_position + t.i - 1, v_xid, p_tenant, p_stream, coalesce(stream_revision, -1) + t.i, t.id, t.type,
    t.data::json, t.metadata::json, t.occurred_at, p_recorded_at,
    CASE WHEN t.i = 1 THEN p_key END, CASE WHEN t.i = 1 AND p_key IS NOT NULL THEN v_count END
  FROM unnest(p_ids, p_types, string_to_array(p_data, E'\\x1e'), string_to_array(p_metadata, E'\\x1e'),
    p_occurred_at) WITH ORDINALITY AS t(id, type, data, metadata, occurred_at, i);
  outcome := 0;
END
$fn$;
`;
  },
};
