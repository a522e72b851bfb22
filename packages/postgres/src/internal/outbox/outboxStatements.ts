import type { Statement } from '../database';
import { quoteIdentifier, statementName } from '../identifier';

/** What every statement returning entries selects, in the shape of `OutboxRow`. */
const ENTRY_COLUMNS = `effect::text AS effect, status, attempts, created_at, due_at,
  array_to_json(history)::text AS history`;

/** Every statement of the outbox, over one schema. */
export const createOutboxStatements = (schema: string) => {
  const s = quoteIdentifier(schema);
  // unnamed, as the read-model statements are: planned for the values at hand while the outbox grows from empty
  const statement = (key: string, text: string): Statement => ({
    name: statementName(schema, `ob.${key}`),
    action: `outbox: ${key}`,
    text,
    prepared: false,
  });
  const byId = 'tenant_id = $1 AND id = $2::text COLLATE "C"';
  return {
    // $2 now, $3 owner, $4 lease until, $5 limit. SKIP LOCKED: concurrent claims take different rows instead of
    // waiting, and a row another claim leased and committed meanwhile is re-checked and left out. A command waits
    // while an older command of its line is pending in the claim's snapshot, whatever its lease or due time: a
    // concurrent claim that locked or leased the head leaves it pending, so the next is never taken beside it, and a
    // head settled after the snapshot holds the next back for this claim only. Within a line, seq follows commit order:
    // a document's commits wait on one checkpoint row, so no older command of a line commits after a newer one
    claim: statement(
      'claim',
      `WITH due AS MATERIALIZED (
         SELECT o.tenant_id, o.id FROM ${s}.outbox o
         WHERE o.tenant_id = $1 AND o.status = 'pending' AND o.due_at <= $2::text COLLATE "C"
           AND (o.lease_until IS NULL OR o.lease_until <= $2::text COLLATE "C")
           AND NOT EXISTS (
             SELECT 1 FROM ${s}.outbox ahead
             WHERE ahead.tenant_id = o.tenant_id AND ahead.order_key = o.order_key AND ahead.status = 'pending'
               AND ahead.seq < o.seq)
         ORDER BY o.due_at, o.seq LIMIT $5
         FOR UPDATE OF o SKIP LOCKED),
       claimed AS (
         UPDATE ${s}.outbox o SET lease_owner = $3, lease_until = $4
         FROM due WHERE o.tenant_id = due.tenant_id AND o.id = due.id
         RETURNING o.seq, ${ENTRY_COLUMNS})
       SELECT effect, status, attempts, created_at, due_at, history FROM claimed ORDER BY due_at, seq`,
    ),
    // $3 owner, $4 outcome, $5 at, $6 error (JSON), $7 retry at (failed only)
    settle: statement(
      'settle',
      `UPDATE ${s}.outbox o SET
         status = CASE $4::text WHEN 'failed' THEN 'pending' ELSE $4::text END,
         attempts = o.attempts + 1,
         due_at = coalesce($7::text, $5::text),
         lease_owner = NULL,
         lease_until = NULL,
         history = o.history || CASE $4::text
           WHEN 'sent' THEN json_build_object('at', $5::text, 'what', 'sent', 'attempt', o.attempts + 1)
           WHEN 'dead' THEN json_build_object('at', $5::text, 'what', 'dead', 'attempt', o.attempts + 1, 'error', $6::json)
           ELSE json_build_object('at', $5::text, 'what', 'failed', 'attempt', o.attempts + 1, 'error', $6::json,
             'retryAt', $7::text)
         END
       WHERE ${byId} AND status = 'pending' AND lease_owner = $3
       RETURNING 1 AS settled`,
    ),
    get: statement('get', `SELECT ${ENTRY_COLUMNS} FROM ${s}.outbox WHERE ${byId}`),
    // $2 status, $3 reactor, $4 after (null: no filter, from the start), $5 limit + 1; an unknown after lists nothing
    list: statement(
      'list',
      `SELECT ${ENTRY_COLUMNS} FROM ${s}.outbox
       WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2::text) AND ($3::text IS NULL OR reactor = $3::text COLLATE "C")
         AND ($4::text IS NULL OR seq > (SELECT a.seq FROM ${s}.outbox a WHERE a.tenant_id = $1 AND a.id = $4::text COLLATE "C"))
       ORDER BY seq LIMIT $5`,
    ),
    // $3 due at. `was` tells an unknown id (no row) from one that is not dead (a row with a null effect)
    retry: statement(
      'retry',
      `WITH found AS (SELECT status FROM ${s}.outbox WHERE ${byId} FOR UPDATE),
       retried AS (
         UPDATE ${s}.outbox o SET status = 'pending', due_at = $3, lease_owner = NULL, lease_until = NULL,
           history = o.history || json_build_object('at', $3::text, 'what', 'retried', 'retryAt', $3::text)
         WHERE ${byId} AND status = 'dead'
         RETURNING ${ENTRY_COLUMNS})
       SELECT found.status AS was, retried.* FROM found LEFT JOIN retried ON true`,
    ),
  } as const;
};

/** The outbox statements of one schema. */
export type OutboxStatements = ReturnType<typeof createOutboxStatements>;
