import { lockKeys } from './lockKeys';

/**
 * The plpgsql pieces the single-stream append functions share (v8 and v9 produce the same statements from them; a
 * released migration's text must not change). `s` is the quoted schema, `name` the bare one.
 */
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
  };
};
