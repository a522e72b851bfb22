import { lockKeys, maxStreamLocksPerAppend } from './lockKeys';

// when some append's key was used on its stream: neither allocate nor insert, and let the client compare first
const repeated = `
      -- a repeated key whose events the client must compare first: nothing is allocated or written
      OR EXISTS (SELECT 1 FROM unnest(duplicate_from) AS d(position) WHERE d.position IS NOT NULL)`;

/**
 * The plpgsql of the bulk append functions, shared by v3 and v11 (a released migration's text must not change:
 * v3 is this with no suffix and `stopAtRepeats` off). `s` is the quoted schema, `name` the bare one.
 */
export const bulkAppendSql = (
  s: string,
  name: string,
  { suffix, stopAtRepeats }: { readonly suffix: string; readonly stopAtRepeats: boolean },
): string => {
  const { gate, streamLock } = lockKeys(name);
  return `
CREATE OR REPLACE FUNCTION ${s}.prepare_append_to_streams${suffix}(
  p_tenant text, p_streams text[], p_expected text[], p_keys text[], p_counts integer[],
  OUT conflict_index integer, OUT conflict_revision bigint, OUT first_position bigint,
  OUT revisions bigint[], OUT duplicate_from bigint[], OUT duplicate_sizes integer[])
LANGUAGE plpgsql AS $fn$
DECLARE
  v_lock bigint;
  v_total bigint;
BEGIN
  IF cardinality(p_streams) > ${maxStreamLocksPerAppend} THEN
    PERFORM pg_advisory_xact_lock(${gate});
  ELSE
    PERFORM pg_advisory_xact_lock_shared(${gate});
    FOR v_lock IN
      SELECT DISTINCT ${streamLock('p_tenant', 'u.stream')} FROM unnest(p_streams) AS u(stream) ORDER BY 1
    LOOP
      PERFORM pg_advisory_xact_lock(v_lock);
    END LOOP;
  END IF;
  SELECT array_agg(c.revision ORDER BY u.ord), array_agg(d.dup_position ORDER BY u.ord),
      array_agg(d.size ORDER BY u.ord)
    INTO revisions, duplicate_from, duplicate_sizes
    FROM unnest(p_streams, p_keys) WITH ORDINALITY AS u(stream, key, ord)
    LEFT JOIN LATERAL (
      SELECT e.stream_position AS revision FROM ${s}.events e
      WHERE e.tenant_id = p_tenant AND e.stream_id = u.stream ORDER BY e.stream_position DESC LIMIT 1
    ) c ON true
    LEFT JOIN LATERAL (
      SELECT e.stream_position AS dup_position, e.append_size AS size FROM ${s}.events e
      WHERE u.key IS NOT NULL AND e.tenant_id = p_tenant AND e.stream_id = u.stream AND e.idempotency_key = u.key
    ) d ON true;
  SELECT t.ord, t.revision INTO conflict_index, conflict_revision
    FROM unnest(p_expected, revisions, duplicate_from) WITH ORDINALITY AS t(expected, revision, duplicate, ord)
    WHERE t.duplicate IS NULL AND NOT ${s}.revision_matches(t.expected, t.revision)
    ORDER BY t.ord LIMIT 1;
  IF FOUND${stopAtRepeats ? repeated : ''} THEN
    RETURN;
  END IF;
  SELECT coalesce(sum(t.count), 0) INTO v_total
    FROM unnest(p_counts, duplicate_from) AS t(count, duplicate) WHERE t.duplicate IS NULL;
  IF v_total > 0 THEN
    SELECT a.first_position INTO first_position FROM ${s}.allocate_positions(v_total::integer) a;
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.append_to_streams${suffix}(
  p_tenant text, p_recorded_at timestamptz,
  p_streams text[], p_expected text[], p_keys text[], p_counts integer[],
  p_event_streams integer[], p_event_indexes integer[],
  p_ids uuid[], p_types text[], p_data text, p_metadata text, p_occurred_at timestamptz[],
  OUT conflict_index integer, OUT conflict_revision bigint, OUT first_position bigint,
  OUT revisions bigint[], OUT duplicate_from bigint[], OUT duplicate_sizes integer[])
LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT * INTO conflict_index, conflict_revision, first_position, revisions, duplicate_from, duplicate_sizes
    FROM ${s}.prepare_append_to_streams${suffix}(p_tenant, p_streams, p_expected, p_keys, p_counts);
  IF first_position IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO ${s}.events (global_position, tenant_id, stream_id, stream_position, event_id, type,
    data, metadata, occurred_at, recorded_at, idempotency_key, append_size)
  SELECT first_position + st.offset_before + ev.index, p_tenant, st.stream,
    coalesce(st.revision, -1) + 1 + ev.index, ev.id, ev.type, ev.data::json, ev.metadata::json, ev.occurred_at,
    p_recorded_at, CASE WHEN ev.index = 0 THEN st.key END,
    CASE WHEN ev.index = 0 AND st.key IS NOT NULL THEN st.count END
  FROM unnest(p_event_streams, p_event_indexes, p_ids, p_types, string_to_array(p_data, E'\\x1e'),
    string_to_array(p_metadata, E'\\x1e'), p_occurred_at)
    AS ev(stream_ord, index, id, type, data, metadata, occurred_at)
  JOIN (
    SELECT t.*, coalesce(sum(t.count) FILTER (WHERE t.duplicate IS NULL)
      OVER (ORDER BY t.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS offset_before
    FROM unnest(p_streams, p_keys, p_counts, revisions, duplicate_from)
      WITH ORDINALITY AS t(stream, key, count, revision, duplicate, ord)
  ) st ON st.ord = ev.stream_ord
  WHERE st.duplicate IS NULL;
END
$fn$;
`;
};
