import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dropStaleSchemas, schemaName } from './postgres';

const pgUrl = process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('benchmark schemas left behind', () => {
  it('are dropped when old or unnamed by time; a run’s fresh schemas and their Emmett twins are kept', async () => {
    const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
    const fresh = schemaName('fresh');
    const old = `bench_old_${(Date.now() - 2 * 3_600_000).toString(36)}_abcdef`;
    const names = [fresh, `${fresh}_emmett`, old, `${old}_emmett`, 'bench_untimed_abc123'];
    try {
      for (const name of names) await pool.query(`CREATE SCHEMA ${name}`);
      const dropped = await dropStaleSchemas(pgUrl);
      expect(dropped).toEqual(expect.arrayContaining([old, `${old}_emmett`, 'bench_untimed_abc123']));
      expect(dropped).not.toContain(fresh);
      expect(dropped).not.toContain(`${fresh}_emmett`);
      const { rows } = await pool.query<{ n: string }>(
        `SELECT nspname AS n FROM pg_namespace WHERE nspname = ANY($1)`,
        [names],
      );
      expect(rows.map((row) => row.n).sort()).toEqual([fresh, `${fresh}_emmett`].sort());
    } finally {
      for (const name of names) await pool.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await pool.end();
    }
  });
});
