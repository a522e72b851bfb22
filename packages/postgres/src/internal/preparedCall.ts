import type pg from 'pg';
import type { Statement } from './database';

/** The part of pg's connection a prepared call uses: the extended-protocol messages pg's own Query sends. */
interface CallConnection {
  readonly parsedStatements: Record<string, string | undefined>;
  /** Named statements sent but not yet acknowledged (pg ≥ 8.20; older versions have none). */
  readonly submittedNamedStatements?: Record<string, string | undefined>;
  readonly stream: { cork?(): void; uncork?(): void };
  parse(query: { text: string; name: string; types: readonly number[] }): void;
  bind(config: { statement: string; values: readonly (string | null)[] }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/**
 * Runs a named statement whose parameters are all text or NULL and resolves with the first column of its last row
 * as text (`null` for SQL NULL or no row). This is the single-event append's path: through pg's Submittable
 * extension point it sends Parse (once per connection), Bind, Execute and Sync, and skips what `client.query`
 * does per call that an append does not need: copying the query config, building a Query and a Result, and the
 * portal Describe whose row description the driver turns into field parsers. Measured with eight writers, that was
 * ~10 µs of Node's CPU per append. Results are read as text whatever type parsers the pool has. Server errors
 * reject with the driver's `DatabaseError`, as `client.query` does; a client in pg's pipeline mode takes the
 * ordinary path, since pipelines refuse custom queries.
 */
export const preparedCall = (
  client: pg.ClientBase,
  statement: Statement,
  values: readonly (string | null)[],
): Promise<string | null> => {
  if ((client as { pipeline?: boolean }).pipeline === true) {
    return client
      .query<string[]>({ name: statement.name, text: statement.text, values: [...values], rowMode: 'array' })
      .then((result) => result.rows.at(-1)?.[0] ?? null);
  }
  return new Promise((resolve, reject) => {
    let first: string | null = null;
    let settled = false;
    const call = {
      // pg records `name` as parsed when the server acknowledges the Parse, and forgets it on an error
      name: statement.name,
      text: statement.text,
      // set by pg when the client has a query timeout: it must hear how the call ended to clear its timer
      callback: undefined as ((error: Error | null, result?: unknown) => void) | undefined,
      submit(connection: CallConnection) {
        connection.stream.cork?.();
        try {
          const parsed =
            connection.parsedStatements[statement.name] !== undefined ||
            connection.submittedNamedStatements?.[statement.name] !== undefined;
          if (!parsed) {
            connection.parse({ text: statement.text, name: statement.name, types: [] });
            if (connection.submittedNamedStatements) {
              connection.submittedNamedStatements[statement.name] = statement.text;
            }
          }
          connection.bind({ statement: statement.name, values });
          connection.execute({ portal: '', rows: 0 });
          connection.sync();
        } finally {
          connection.stream.uncork?.();
        }
      },
      handleDataRow(message: { fields: (string | null)[] }) {
        first = message.fields[0] ?? null;
      },
      handleError(error: Error) {
        call.callback?.(error);
        if (settled) return;
        settled = true;
        reject(error);
      },
      handleReadyForQuery() {
        call.callback?.(null, first);
        if (settled) return;
        settled = true;
        resolve(first);
      },
      handleCopyInResponse(connection: CallConnection) {
        connection.sendCopyFail('rapport: a prepared call does not copy');
      },
      handleRowDescription: () => undefined,
      handleCommandComplete: () => undefined,
      handleEmptyQuery: () => undefined,
      handlePortalSuspended: () => undefined,
      handleCopyData: () => undefined,
    };
    client.query(call as unknown as pg.QueryConfig);
  });
};
