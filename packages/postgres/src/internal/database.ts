import { RapportError } from '@rapport/core';
import pg from 'pg';
import { connectClient } from './connectClient';
import { preparedCall } from './preparedCall';

/** A named (prepared) statement: its text and, for error messages, what it does. */
export interface Statement {
  readonly name: string;
  readonly text: string;
  readonly action: string;
  /**
   * False runs it unnamed, so the server plans it for the actual values every time instead of reusing a generic plan
   * made when the tables were small; default true.
   */
  readonly prepared?: boolean;
}

/** The store's access to PostgreSQL: every query is a prepared statement run on a pooled connection. */
export interface Database {
  readonly pool: pg.Pool;
  /** Runs a statement and returns its rows; driver errors become StoreUnavailable errors carrying the cause. */
  query<TRow>(statement: Statement, values: readonly unknown[]): Promise<TRow[]>;
  /**
   * Runs a named statement with text or NULL parameters and returns its first column as text (`null` for NULL or
   * no row), on the lean path of `preparedCall`.
   */
  call(statement: Statement, values: readonly (string | null)[]): Promise<string | null>;
  /** Runs trusted SQL text (no parameters) with the simple protocol: several statements, one implicit transaction. */
  simple(text: string, action: string): Promise<void>;
  /**
   * Runs `work` in a transaction on one connection: commits when it returns, rolls back when it throws. A failed
   * transaction's connection is discarded rather than returned to the pool.
   */
  transaction<T>(action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

/** Wraps a driver error; keeps Rapport errors as they are. */
export const storeUnavailable = (action: string, cause: unknown): RapportError =>
  cause instanceof RapportError
    ? cause
    : new RapportError(
        'StoreUnavailable',
        `postgres: ${action} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause, data: { action, sqlState: (cause as { code?: unknown } | null)?.code } },
      );

/** The SQLSTATE and constraint of a driver error, when it is a server error. */
export const serverError = (
  error: unknown,
): { code?: string | undefined; constraint?: string | undefined } => {
  const cause = error instanceof RapportError ? error.cause : error;
  return cause instanceof pg.DatabaseError ? { code: cause.code, constraint: cause.constraint } : {};
};

// A checked-out client whose connection dies between queries emits 'error'; pg-pool guards only idle clients.
// The failure surfaces through the next query on it anyway, so while a client is out it gets this listener.
const ignoreConnectionError = (): void => undefined;

const checkOut = async (pool: pg.Pool, action: string): Promise<pg.PoolClient> => {
  try {
    return await connectClient(pool, ignoreConnectionError);
  } catch (error) {
    throw storeUnavailable(action, error);
  }
};

const checkIn = (client: pg.PoolClient, error?: Error): void => {
  client.off('error', ignoreConnectionError);
  client.release(error);
};

/**
 * True when a connection cannot be used after `error`: anything but a server error, or a server error that ended the
 * session (FATAL, an administrator's termination, a connection exception).
 */
const endsConnection = (error: unknown): boolean =>
  !(error instanceof pg.DatabaseError) ||
  error.severity === 'FATAL' ||
  error.severity === 'PANIC' ||
  error.code?.startsWith('57P') === true ||
  error.code?.startsWith('08') === true;

/** Creates the query helper over a pool. Server errors keep the connection; broken connections are discarded. */
export const createDatabase = (pool: pg.Pool): Database => {
  const withClient = async <T>(action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await checkOut(pool, action);
    try {
      const result = await work(client);
      checkIn(client);
      return result;
    } catch (error) {
      checkIn(client, endsConnection(error) ? (error as Error) : undefined);
      throw storeUnavailable(action, error);
    }
  };
  return {
    pool,
    query: <TRow>(statement: Statement, values: readonly unknown[]) =>
      withClient(statement.action, async (client) => {
        const result = await client.query(
          statement.prepared === false
            ? { text: statement.text, values: [...values] }
            : { name: statement.name, text: statement.text, values: [...values] },
        );
        return result.rows as TRow[];
      }),
    call: (statement, values) =>
      withClient(statement.action, (client) => preparedCall(client, statement, values)),
    simple: (text, action) =>
      withClient(action, async (client) => {
        await client.query(text);
      }),
    async transaction(action, work) {
      const client = await checkOut(pool, action);
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        checkIn(client);
        return result;
      } catch (error) {
        checkIn(client, error instanceof Error ? error : new Error(String(error)));
        throw storeUnavailable(action, error);
      }
    },
  };
};
