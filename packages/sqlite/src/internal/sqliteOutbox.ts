import { notFound, RapportError, renderValue, ValidationError } from '@rapport/core';
import type { Effect, EffectHistoryEntry, OutboxEntry, OutboxStore } from '@rapport/projections';
import { decodeJson, encodeJson } from './jsonCodec';
import type { SqliteDatabase } from './openDatabase';

/** The SQLite outbox: the port, and the insert a read-model commit makes inside its transaction. */
export interface SqliteOutbox extends OutboxStore {
  /** Adds the effects whose ids are new, created at `recordedAt`; call inside the commit's transaction. */
  add(effects: readonly Effect[], recordedAt: string): void;
}

interface Row {
  readonly id: string;
  readonly entry: string;
  readonly lease_owner: string | null;
}

const positive = (value: unknown, path: string) => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new ValidationError([{ path, rule: 'must be a positive integer', got: renderValue(value) }]);
  return value;
};

/** A new entry: pending, due at `notBefore` or at once. */
const created = (effect: Effect, at: string): OutboxEntry => ({
  ...effect,
  ...{ status: 'pending', attempts: 0, createdAt: at, history: [{ at, what: 'created' }] },
  dueAt: effect.notBefore ?? at,
});

/**
 * The outbox of one tenant on the file. An effect is claimable while pending, due, and not leased (or its lease has
 * run out); claims take the earliest claimable first (due time or lease end), then the order effects entered. A
 * command also waits while an older command of its line (`order_key`: its reactor and document) is pending, leased
 * or not; a claim is one write transaction, so no other claim sees the line between its check and its lease.
 */
export const createSqliteOutbox = (
  db: SqliteDatabase,
  tenant: string,
  transaction: <T>(body: () => T) => T,
): SqliteOutbox => {
  const insert = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO rapport_outbox (tenant, id, reactor, status, due_at, entry) VALUES (?, ?, ?, 'pending', ?, ?)
     ON CONFLICT (tenant, id) DO NOTHING`,
  );
  const claimable = db.prepare<[{ tenant: string; now: string; limit: number }], Row>(
    `SELECT id, entry, lease_owner FROM rapport_outbox o
     WHERE tenant = @tenant AND status = 'pending' AND due_at <= @now AND coalesce(lease_until, '') <= @now
       AND NOT EXISTS (
         SELECT 1 FROM rapport_outbox ahead
         WHERE ahead.tenant = o.tenant AND ahead.order_key = o.order_key AND ahead.status = 'pending'
           AND ahead.seq < o.seq)
     ORDER BY max(due_at, coalesce(lease_until, '')), seq LIMIT @limit`,
  );
  const lease = db.prepare<[string, string, string, string]>(
    'UPDATE rapport_outbox SET lease_owner = ?, lease_until = ? WHERE tenant = ? AND id = ?',
  );
  const byId = db.prepare<[string, string], Row>(
    'SELECT id, entry, lease_owner FROM rapport_outbox WHERE tenant = ? AND id = ?',
  );
  const update = db.prepare<[string, string, string, string, string]>(
    `UPDATE rapport_outbox SET status = ?, due_at = ?, entry = ?, lease_owner = NULL, lease_until = NULL
     WHERE tenant = ? AND id = ?`,
  );
  type PageQuery = {
    tenant: string;
    after: string | null;
    status: string | null;
    reactor: string | null;
    limit: number;
  };
  // an unknown `after` lists nothing: it names no place in the order
  const page = db.prepare<[PageQuery], Row>(
    `SELECT id, entry, lease_owner FROM rapport_outbox
     WHERE tenant = @tenant
     AND seq > coalesce((SELECT seq FROM rapport_outbox WHERE tenant = @tenant AND id = @after),
       CASE WHEN @after IS NULL THEN 0 ELSE (SELECT coalesce(max(seq), 0) FROM rapport_outbox) END)
     AND (@status IS NULL OR status = @status) AND (@reactor IS NULL OR reactor = @reactor)
     ORDER BY seq LIMIT @limit`,
  );
  const entryOf = (row: Row) => decodeJson<OutboxEntry>(row.entry);
  const change = (id: string, entry: OutboxEntry, history: EffectHistoryEntry): OutboxEntry => {
    const next = { ...entry, history: [...entry.history, history] };
    update.run(next.status, next.dueAt, encodeJson(next), tenant, id);
    return next;
  };

  return {
    add(effects, recordedAt) {
      for (const effect of effects) {
        const entry = created(effect, recordedAt);
        insert.run(tenant, effect.id, effect.reactor, entry.dueAt, encodeJson(entry));
      }
    },
    claim: async ({ now, limit, owner, leaseUntil }) => {
      positive(limit, 'limit');
      return transaction(() =>
        claimable.all({ tenant, now, limit }).map((row) => {
          lease.run(owner, leaseUntil, tenant, row.id);
          return entryOf(row);
        }),
      );
    },
    settle: async (id, outcome) =>
      transaction(() => {
        const row = byId.get(tenant, id);
        if (row === undefined || row.lease_owner !== outcome.owner) return false;
        const entry = entryOf(row);
        if (entry.status !== 'pending') return false;
        const attempt = entry.attempts + 1;
        const { at } = outcome;
        if (outcome.outcome === 'sent') {
          change(
            id,
            { ...entry, status: 'sent', attempts: attempt, dueAt: at },
            { at, what: 'sent', attempt },
          );
        } else if (outcome.outcome === 'dead') {
          const { error } = outcome;
          change(
            id,
            { ...entry, status: 'dead', attempts: attempt, dueAt: at },
            { at, what: 'dead', attempt, error },
          );
        } else {
          const { error, retryAt } = outcome;
          change(
            id,
            { ...entry, attempts: attempt, dueAt: retryAt },
            { at, what: 'failed', attempt, error, retryAt },
          );
        }
        return true;
      }),
    get: async (id) => {
      const row = transaction(() => byId.get(tenant, id));
      return row === undefined ? undefined : entryOf(row);
    },
    list: async ({ status, reactor, after, limit = 100 } = {}) => {
      positive(limit, 'limit');
      const rows = transaction(() =>
        page.all({
          tenant,
          after: after ?? null,
          status: status ?? null,
          reactor: reactor ?? null,
          limit: limit + 1,
        }),
      );
      const entries = rows.slice(0, limit).map(entryOf);
      return { entries, next: rows.length > limit ? entries.at(-1)?.id : undefined };
    },
    retry: async (id, at) =>
      transaction(() => {
        const row = byId.get(tenant, id);
        if (row === undefined) throw notFound(`outbox: no effect ${id}`, { id });
        const entry = entryOf(row);
        if (entry.status !== 'dead') {
          throw new RapportError(
            'IllegalState',
            `outbox: effect ${id} is ${entry.status}, only a dead one can be retried`,
            { data: { id, status: entry.status } },
          );
        }
        return change(id, { ...entry, status: 'pending', dueAt: at }, { at, what: 'retried', retryAt: at });
      }),
  };
};
