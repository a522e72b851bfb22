import type pg from 'pg';
import { nextTurn } from './sleep';

/** The part of pg's connection a COPY needs (the interface pg-copy-streams uses too). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  readonly stream: { readonly writableNeedDrain?: boolean; once(event: 'drain', listener: () => void): void };
}

/**
 * Runs `COPY ... FROM STDIN` on `client` through pg's Submittable extension point, so the store needs no COPY
 * package. `chunks` is pulled while the server already works on what was sent (the two run in parallel); the
 * pump waits for the socket to drain. When `chunks` throws, the COPY is failed (the transaction aborts) and the
 * promise rejects with that error. Resolves with the number of rows copied.
 */
export const copyFrom = (client: pg.PoolClient, text: string, chunks: Iterable<string>): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    let rows = 0;
    let failure: unknown;
    const pump = async (connection: CopyConnection) => {
      try {
        for (const chunk of chunks) {
          connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
          if (connection.stream.writableNeedDrain) {
            await new Promise<void>((drained) => connection.stream.once('drain', drained));
          } else await nextTurn();
        }
        connection.endCopyFrom();
      } catch (error) {
        failure = error;
        connection.sendCopyFail(error instanceof Error ? error.message : String(error));
      }
    };
    const submittable = {
      // set by pg when the client has a query timeout: it must hear how the COPY ended to clear its timer
      callback: undefined as ((error: Error | null, result?: unknown) => void) | undefined,
      submit: (connection: CopyConnection) => connection.query(text),
      handleCopyInResponse: (connection: CopyConnection) => void pump(connection),
      handleCommandComplete: (message: { text?: string }) => {
        rows = Number(message.text?.split(' ')[1] ?? 0);
      },
      handleError: (error: Error) => {
        submittable.callback?.(error);
        failure ??= error;
        reject(failure);
      },
      handleReadyForQuery: () => {
        submittable.callback?.(null, rows);
        if (failure === undefined) resolve(rows);
        else reject(failure);
      },
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handlePortalSuspended: () => undefined,
      handleEmptyQuery: () => undefined,
      handleCopyData: () => undefined,
    };
    client.query(submittable as unknown as pg.QueryConfig);
  });
