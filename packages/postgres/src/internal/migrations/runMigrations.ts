import { RapportError } from '@rapport/core';
import type pg from 'pg';
import { connectClient } from '../connectClient';
import { quoteIdentifier } from '../identifier';
import { migrations } from './migrations';

const MIN_SERVER_VERSION = 130_000;

/**
 * Brings `schema` to the latest version (or to `upTo`, which tests use to build an older schema). Safe to run from
 * many processes at once: the work happens under a session advisory lock keyed by the schema, each version is applied
 * in its own transaction with its row in `schema_migrations`, and versions already recorded are skipped.
 */
export const runMigrations = async (
  pool: pg.Pool,
  schema: string,
  upTo = Number.POSITIVE_INFINITY,
): Promise<void> => {
  const s = quoteIdentifier(schema);
  // a connection that dies mid-migration fails the query in flight; its 'error' event needs no more than a listener
  const ignore = (): void => undefined;
  const client = await connectClient(pool, ignore);
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<{ version: string }>('SHOW server_version_num');
    if (Number(rows[0]?.version) < MIN_SERVER_VERSION) {
      throw new RapportError('Configuration', 'the postgres event store needs PostgreSQL 13 or later (xid8)');
    }
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`rapport/${schema}/migrate`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const applied = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`);
      const done = new Set(applied.rows.map((row) => row.version));
      for (const migration of migrations) {
        if (done.has(migration.version) || migration.version > upTo) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql({ quoted: s, name: schema }));
          await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`rapport/${schema}/migrate`]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // a failed migration may leave the session lock or a transaction behind: never reuse that connection
    client.off('error', ignore);
    client.release(broken);
  }
};
