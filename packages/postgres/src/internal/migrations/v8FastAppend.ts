import { appendSql } from './appendSql';
import { lockKeys } from './lockKeys';
import type { Migration } from './migration';

/**
 * The append functions of v2 again (same signatures, same ordering invariant, see v2AppendFunctions), with a safer
 * error path around the position mutex and less work per call:
 *
 * - Locks are taken by assignments instead of `PERFORM`: plpgsql evaluates a simple expression without starting the
 *   executor, which `PERFORM` does for every call (~2 µs each). Each lock is still its own statement, so the head
 *   lookup that follows reads a snapshot taken after the stream lock was granted.
 * - The critical section is only what the invariant needs: the subtransaction whose handler releases the mutex on
 *   an error is entered before the mutex is taken, so the mutex covers taking it, assigning the transaction id,
 *   `nextval` and releasing it.
 * - The handler releases the mutex whenever this session holds it, as `pg_locks` tells: v2 released it only for an
 *   error after `pg_advisory_lock` returned, and leaked it when a cancel or a statement timeout hit while waiting for
 *   it at the moment it was granted (the backend keeps a lock granted during the interrupt, then raises).
 * - An append with expected revision `any` skips the revision test.
 *
 * The client calls `append_event` in the select list (`SELECT append_event(…)::text`), not as a table function: one
 * column, no function scan and its tuple store, one field for the driver to parse.
 */
export const v8FastAppend: Migration = {
  version: 8,
  name: 'fast append',
  sql: ({ quoted: s, name }) => {
    const { mutex } = lockKeys(name);
    const { allocate, firstWrite, lockStream, findKey, findHead, conflicts, insertOne, insertMany } =
      appendSql(s, name);
    const checkStream = `
  IF p_key IS NOT NULL THEN${findKey}
    IF FOUND THEN
      outcome := 2;
      RETURN;
    END IF;
  END IF;${findHead}
  IF ${conflicts} THEN
    outcome := 1;
    RETURN;
  END IF;`;
    return `
-- what the mutex's error handler calls: this session may hold the mutex even when pg_advisory_lock raised, since a
-- cancel can be processed just as the lock is granted (the backend then keeps the lock and raises the cancel)
CREATE OR REPLACE FUNCTION ${s}.release_position_mutex() RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  WHILE EXISTS (SELECT FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
        AND ((l.classid::bigint << 32) | l.objid::bigint) = ${mutex}) LOOP
    EXIT WHEN NOT pg_advisory_unlock(${mutex}); -- held at transaction level, which no append does: not ours to free
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.allocate_positions(p_count integer, OUT transaction_id xid8, OUT first_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_taken boolean;
  v_xid xid8;
  v_position bigint;
  v_last bigint;
BEGIN
  ${firstWrite}
  ${allocate('p_count')}
  transaction_id := v_xid;
  first_position := v_position;
END
$fn$;

CREATE OR REPLACE FUNCTION ${s}.append_event(
  p_tenant text, p_stream text, p_expected text, p_key text, p_recorded_at timestamptz,
  p_id uuid, p_type text, p_data json, p_metadata json, p_occurred_at timestamptz,
  OUT outcome smallint, OUT stream_revision bigint, OUT first_position bigint, OUT duplicate_size integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_taken boolean;
  v_xid xid8;
  v_position bigint;
BEGIN
  ${lockStream}
  ${checkStream}
  ${firstWrite}
  ${allocate()}
  ${insertOne}
  first_position := v_position;
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
  v_taken boolean;
  v_xid xid8;
  v_position bigint;
  v_last bigint;
BEGIN
  ${lockStream}
  ${checkStream}
  ${firstWrite}
  ${allocate('v_count')}
  ${insertMany}
  first_position := v_position;
  outcome := 0;
END
$fn$;
`;
  },
};
