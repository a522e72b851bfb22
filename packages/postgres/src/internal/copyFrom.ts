import type pg from 'pg';

/** The part of pg's connection a COPY needs (the interface pg-copy-streams uses too). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * Runs `COPY ... FROM STDIN` on `client`, sending `chunks` as its data, through pg's Submittable extension
 * point, so the store needs no COPY package. Resolves with the number of rows copied.
 */
export const copyFrom = (client: pg.PoolClient, text: string, chunks: readonly string[]): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    let rows = 0;
    let failure: Error | undefined;
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(text),
      handleCopyInResponse: (connection: CopyConnection) => {
        for (const chunk of chunks) connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        connection.endCopyFrom();
      },
      handleCommandComplete: (message: { text?: string }) => {
        rows = Number(message.text?.split(' ')[1] ?? 0);
      },
      handleError: (error: Error) => {
        failure = error;
        reject(error);
      },
      handleReadyForQuery: () => (failure ? reject(failure) : resolve(rows)),
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handlePortalSuspended: () => undefined,
      handleEmptyQuery: () => undefined,
      handleCopyData: () => undefined,
    };
    client.query(submittable as unknown as pg.QueryConfig);
  });
