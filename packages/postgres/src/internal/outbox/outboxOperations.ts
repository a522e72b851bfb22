import { notFound, RapportError } from '@rapport/core';
import type { EffectStatus, OutboxStore } from '@rapport/projections';
import type { Database, Statement } from '../database';
import { assertTime } from '../readModels/readModelNames';
import { encodeText } from '../textCodec';
import { assertLimit, assertStatus, assertText, outcomeArguments } from './outboxInputs';
import { entryFromRow, type OutboxRow } from './outboxRows';
import type { OutboxStatements } from './outboxStatements';

/** What the outbox of one read-model store needs. */
export interface OutboxContext {
  readonly db: Database;
  readonly statements: OutboxStatements;
  /** The tenant as stored (encoded). */
  readonly tenant: string;
  /** Throws when the store is closed, then waits for migrations. */
  readonly ready: () => Promise<void>;
}

/** A row of `retry`: what the effect was, and the entry when it was dead (every column null otherwise). */
type RetryRow = { readonly was: EffectStatus } & ({ readonly effect: null } | OutboxRow);

/** The outbox port over one tenant's rows; every input is checked before anything is sent. */
export const createOutboxOperations = (context: OutboxContext): OutboxStore => {
  const { db, statements: sql, tenant, ready } = context;
  const query = async <TRow>(statement: Statement, values: readonly unknown[]) => {
    await ready();
    return db.query<TRow>(statement, values);
  };
  const idOf = (id: unknown) => encodeText(assertText(id, 'id'));

  return {
    claim: async ({ now, limit, owner, leaseUntil }) => {
      const rows = await query<OutboxRow>(sql.claim, [
        tenant,
        assertTime(now, 'now'),
        encodeText(assertText(owner, 'owner')),
        assertTime(leaseUntil, 'leaseUntil'),
        assertLimit(limit, 'limit'),
      ]);
      return rows.map(entryFromRow);
    },
    settle: async (id, outcome) =>
      (await query(sql.settle, [tenant, idOf(id), ...outcomeArguments(outcome)])).length > 0,
    get: async (id) => {
      const [row] = await query<OutboxRow>(sql.get, [tenant, idOf(id)]);
      return row === undefined ? undefined : entryFromRow(row);
    },
    list: async ({ status, reactor, after, limit = 100 } = {}) => {
      const rows = await query<OutboxRow>(sql.list, [
        tenant,
        status === undefined ? null : assertStatus(status, 'status'),
        reactor === undefined ? null : encodeText(assertText(reactor, 'reactor')),
        after === undefined ? null : encodeText(assertText(after, 'after')),
        assertLimit(limit, 'limit') + 1,
      ]);
      const entries = rows.slice(0, limit).map(entryFromRow);
      return { entries, next: rows.length > limit ? entries[entries.length - 1]?.id : undefined };
    },
    retry: async (id, at) => {
      const [row] = await query<RetryRow>(sql.retry, [tenant, idOf(id), assertTime(at, 'at')]);
      if (row === undefined) throw notFound(`outbox: no effect ${id}`, { id });
      if (row.effect === null) {
        throw new RapportError(
          'IllegalState',
          `outbox: effect ${id} is ${row.was}, only a dead one can be retried`,
          { data: { id, status: row.was } },
        );
      }
      return entryFromRow(row);
    },
  };
};
