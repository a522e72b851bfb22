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
    client.query(new PreparedCall(statement, values, resolve, reject) as unknown as pg.QueryConfig);
  });
};

/** One call, as pg's client drives it: `submit` once, then a handler per message the server answers with. */
class PreparedCall {
  // pg records `name` as parsed when the server acknowledges the Parse, and forgets it on an error
  readonly name: string;
  readonly text: string;
  /** Set by pg when the client has a query timeout: it must hear how the call ended to clear its timer. */
  callback: ((error: Error | null, result?: unknown) => void) | undefined = undefined;
  private first: string | null = null;
  private settled = false;

  constructor(
    statement: Statement,
    private readonly values: readonly (string | null)[],
    private readonly resolve: (answer: string | null) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.name = statement.name;
    this.text = statement.text;
  }

  submit(connection: CallConnection): void {
    connection.stream.cork?.();
    try {
      const parsed =
        connection.parsedStatements[this.name] !== undefined ||
        connection.submittedNamedStatements?.[this.name] !== undefined;
      if (!parsed) {
        connection.parse({ text: this.text, name: this.name, types: [] });
        if (connection.submittedNamedStatements) connection.submittedNamedStatements[this.name] = this.text;
      }
      connection.bind({ statement: this.name, values: this.values });
      connection.execute({ portal: '', rows: 0 });
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    this.first = message.fields[0] ?? null;
  }

  handleError(error: Error): void {
    this.callback?.(error);
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  handleReadyForQuery(): void {
    this.callback?.(null, this.first);
    if (this.settled) return;
    this.settled = true;
    this.resolve(this.first);
  }

  handleCopyInResponse(connection: CallConnection): void {
    connection.sendCopyFail('rapport: a prepared call does not copy');
  }

  handleRowDescription(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}
