import type { Database } from './database';

/**
 * Runs `ANALYZE` on `tables` in the background once they have grown by 1 000 rows, then by 4 000, 16 000 and so on
 * (as counted by this store). An import or a rebuild fills fresh tables at thousands of rows per second, while
 * autovacuum first analyses a table a minute or so later; until then the planner takes `tenant_id = …` for a handful
 * of rows and picks plans that read a whole collection per commit or sort every page of the log (measured: a page of
 * 2 000 events took ~100 ms instead of ~9 ms, a commit of 1 600 documents up to 13 s). `ANALYZE` takes a lock that
 * reads and writes do not wait for, and at most one runs at a time per store. `tables` must be quoted identifiers.
 */
export const analyzeAsTheyGrow = (db: Database, tables: readonly string[]): ((rows: number) => void) => {
  let grown = 0;
  let next = 1000;
  let running = false;
  return (rows) => {
    grown += rows;
    if (grown < next || running) return;
    next = grown * 4;
    running = true;
    db.simple(`ANALYZE ${tables.join(', ')}`, 'analyze')
      .catch(() => undefined) // statistics are an optimisation: autovacuum will analyse the tables anyway
      .finally(() => {
        running = false;
      });
  };
};
