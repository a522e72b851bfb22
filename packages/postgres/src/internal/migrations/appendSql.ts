import { lockKeys } from './lockKeys';

/**
 * The plpgsql pieces the single-stream append functions share (v8 and v9 produce the same statements from them; a
 * released migration's text must not change). `s` is the quoted schema, `name` the bare one.
 */
const COLUMNS = `global_position, transaction_id, tenant_id, stream_id, stream_position, event_id, type,
    data, metadata, occurred_at, recorded_at, idempotency_key, append_size`;

export const appendSql = (s: string, name: string) => {
  const { gate, mutex, streamLock } = lockKeys(name);
  return {
    /**
     * Sets v_position (and assigns the transaction id) in transaction-id order, releasing the mutex on any error;
     * with `count`, reserves that many positions. Needs v_taken, v_xid, v_position (and v_last with `count`).
     */
    allocate: (count?: string) => `
  BEGIN
    v_taken := pg_advisory_lock(${mutex}) IS NOT NULL;
    v_xid := pg_current_xact_id();
    v_position := nextval('${s}.global_position_seq');${
      count === undefined
        ? ''
        : `
    IF ${count} > 1 THEN
      v_last := setval('${s}.global_position_seq', v_position + ${count} - 1);
    END IF;`
    }
    v_taken := pg_advisory_unlock(${mutex});
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM ${s}.release_position_mutex();
    RAISE;
  END;`,
    firstWrite: `
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'rapport: an append must be the first write of its transaction' USING ERRCODE = 'RA001';
  END IF;`,
    // the lock functions return void, which is never null: the assignments only run them
    lockStream: `
  v_taken := pg_advisory_xact_lock_shared(${gate}) IS NOT NULL;
  v_taken := pg_advisory_xact_lock(${streamLock('p_tenant', 'p_stream')}) IS NOT NULL;`,
    /** Looks up an earlier append with the key into stream_revision and duplicate_size; FOUND tells. */
    findKey: `
    SELECT e.stream_position, e.append_size INTO stream_revision, duplicate_size
      FROM ${s}.events e
      WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream AND e.idempotency_key = p_key;`,
    /** The stream's revision into stream_revision (NULL when the stream is empty). */
    findHead: `
  SELECT e.stream_position INTO stream_revision
    FROM ${s}.events e
    WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream
    ORDER BY e.stream_position DESC LIMIT 1;`,
    conflicts: `p_expected <> 'any' AND NOT ${s}.revision_matches(p_expected, stream_revision)`,
    /** Inserts the one event of `append_event` at v_position, after stream_revision. */
    insertOne: `INSERT INTO ${s}.events (${COLUMNS})
  VALUES (v_position, v_xid, p_tenant, p_stream, coalesce(stream_revision, -1) + 1, p_id, p_type,
    p_data, p_metadata, p_occurred_at, p_recorded_at, p_key, CASE WHEN p_key IS NOT NULL THEN 1 END);`,
    /** Inserts the v_count events of `append_to_stream` (column arrays) from v_position on, after stream_revision. */
    insertMany: `INSERT INTO ${s}.events (${COLUMNS})
  SELECT v_position + t.i - 1, v_xid, p_tenant, p_stream, coalesce(stream_revision, -1) + t.i, t.id, t.type,
    t.data::json, t.metadata::json, t.occurred_at, p_recorded_at,
    CASE WHEN t.i = 1 THEN p_key END, CASE WHEN t.i = 1 AND p_key IS NOT NULL THEN v_count END
  FROM unnest(p_ids, p_types, string_to_array(p_data, E'\\x1e'), string_to_array(p_metadata, E'\\x1e'),
    p_occurred_at) WITH ORDINALITY AS t(id, type, data, metadata, occurred_at, i);`,
  };
};
