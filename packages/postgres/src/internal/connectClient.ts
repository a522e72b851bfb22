import type pg from 'pg';

/**
 * Checks a client out of `pool` with `onError` already listening for its 'error' event. pg-pool takes its own
 * listener off as it hands a client over, and the promise form of `connect` resolves a microtask later: a FATAL
 * parsed in that gap (a backend terminated as its connection opens arrives in the same read as ReadyForQuery) is
 * emitted with no listener, an uncaught exception that ends the process. The callback form hands the client over
 * synchronously, so the listener is on before another byte is parsed.
 */
export const connectClient = (pool: pg.Pool, onError: (error: Error) => void): Promise<pg.PoolClient> =>
  new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (error !== undefined && error !== null) {
        reject(error);
        return;
      }
      if (client === undefined) {
        reject(new Error('pg-pool handed over no client'));
        return;
      }
      client.on('error', onError);
      resolve(client);
    });
  });
