import pg from 'pg';

/** A fresh schema name for one benchmark: `bench_<label>_<creation time, base 36>_<random>`. */
export const schemaName = (label: string): string =>
  `bench_${label.replace(/[^a-z0-9]/g, '_')}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

// the creation time in a schema name, also in the `<schema>_emmett` schemas workloads derive from it
const CREATED = /_([0-9a-z]{8})_[0-9a-z]{6}(?:_|$)/;

/**
 * Drops benchmark schemas an earlier run left behind (a killed process cannot drop its own): those created more than
 * `maxAgeMs` ago, and those named before the name carried a time. A leftover Emmett schema is not harmless: Emmett
 * looks its tables and functions up without a schema filter, so one stale schema breaks every later Emmett run.
 * Returns the names dropped.
 */
export const dropStaleSchemas = async (url: string, maxAgeMs = 60 * 60 * 1000): Promise<string[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'bench\\_%'`,
    );
    const stale = rows
      .map((row) => row.name)
      .filter((name) => {
        const created = CREATED.exec(name)?.[1];
        return created === undefined || Date.now() - Number.parseInt(created, 36) > maxAgeMs;
      });
    for (const name of stale) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    return stale;
  } finally {
    await client.end();
  }
};

/** The connection string with `search_path` set to `schema` (how Emmett, which names no schema, is kept apart). */
export const withSearchPath = (url: string, schema: string): string =>
  `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/**
 * Runs `work` with a pool and a throwaway schema (created first, dropped with everything in it afterwards, also
 * when `work` fails).
 */
export const withSchema = async <T>(
  url: string,
  label: string,
  work: (schema: string, pool: pg.Pool) => Promise<T>,
  poolSize = 10,
): Promise<T> => {
  const schema = schemaName(label);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    await pool.query(`CREATE SCHEMA ${schema}`);
    return await work(schema, pool);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await pool.end();
  }
};

/** The part of pg's connection a COPY needs (the interface pg-copy-streams uses too). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  readonly stream: { readonly writableNeedDrain?: boolean; once(event: 'drain', listener: () => void): void };
}

/** Runs `COPY … FROM STDIN` with `chunks` of rows on `client`, through pg's Submittable extension point. */
export const copyFrom = (client: pg.PoolClient, text: string, chunks: readonly string[]): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    let failure: unknown;
    const pump = async (connection: CopyConnection) => {
      for (const chunk of chunks) {
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        if (connection.stream.writableNeedDrain) {
          await new Promise<void>((drained) => connection.stream.once('drain', drained));
        }
      }
      connection.endCopyFrom();
    };
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(text),
      handleCopyInResponse: (connection: CopyConnection) => void pump(connection),
      handleCommandComplete: () => undefined,
      handleError: (error: Error) => {
        failure ??= error;
      },
      handleReadyForQuery: () => (failure === undefined ? resolve() : reject(failure)),
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handlePortalSuspended: () => undefined,
      handleEmptyQuery: () => undefined,
      handleCopyData: () => undefined,
    };
    client.query(submittable as unknown as pg.QueryConfig);
  });
