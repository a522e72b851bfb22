import type { RapportError } from '@rapport/core';
import type pg from 'pg';
import { connectClient } from './connectClient';
import { type Database, storeUnavailable } from './database';
import { quoteIdentifier } from './identifier';

/** Wakes subscriptions when events may have been appended. */
export interface WakeUps {
  /** Registers a listener; LISTEN runs while at least one is registered. Returns the unregister function. */
  add(listener: () => void): () => void;
  /** A local append: wakes local listeners at once and NOTIFYs other processes (at most once per `notifyEveryMs`). */
  appended(position: bigint): void;
  close(): void;
}

export interface WakeUpsOptions {
  readonly db: Database;
  readonly channel: string;
  readonly retryDelayMs: number;
  readonly onError: (error: RapportError) => void;
  /** Minimum spacing of the NOTIFYs one store sends; default 10 ms. */
  readonly notifyEveryMs?: number;
}

/**
 * LISTEN/NOTIFY wake-ups. The NOTIFY is sent after the append committed, in its own asynchronously committed
 * statement, at most once per `notifyEveryMs`, not inside the append: a NOTIFY in a transaction takes a
 * cluster-wide lock held through commit, which serialises every append (measured: 8 concurrent single-row inserts
 * fell from ~8 900/s to ~1 650/s with a NOTIFY each). A lost notification only delays delivery until the
 * subscriber's next poll. `channel` must be a validated identifier: it is written into the SQL text.
 */
export const createWakeUps = (options: WakeUpsOptions): WakeUps => {
  const { db, channel, onError } = options;
  const notifyEveryMs = options.notifyEveryMs ?? 10;
  const listeners = new Set<() => void>();
  let client: pg.PoolClient | undefined;
  let connecting = false;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let notifyTimer: NodeJS.Timeout | undefined;
  let lastPosition = 0n;
  let closed = false;

  const wakeAll = () => {
    for (const listener of [...listeners]) listener();
  };

  const disconnect = (error?: Error) => {
    const current = client;
    client = undefined;
    current?.removeAllListeners('notification');
    current?.release(error ?? true);
  };

  const connect = async () => {
    if (connecting || client || closed || listeners.size === 0) return;
    connecting = true;
    let fresh: pg.PoolClient | undefined;
    try {
      // an error before the client is ours surfaces through LISTEN below
      fresh = await connectClient(db.pool, (error) => {
        if (fresh !== undefined) lost(fresh, error);
      });
      const current = fresh;
      current.on('notification', wakeAll);
      await current.query(`LISTEN ${quoteIdentifier(channel)}`);
      client = current;
      failures = 0;
      if (closed || listeners.size === 0) disconnect();
      else wakeAll(); // anything appended while we were not listening
    } catch (error) {
      fresh?.release(error as Error);
      if (closed) return;
      failures++;
      onError(storeUnavailable('LISTEN', error));
      reconnectTimer = setTimeout(connect, Math.min(options.retryDelayMs * 2 ** failures, 5_000));
    } finally {
      connecting = false;
    }
  };

  const lost = (which: pg.PoolClient, error: Error) => {
    if (which !== client) return;
    disconnect(error);
    onError(storeUnavailable('LISTEN', error));
    wakeAll(); // subscribers re-read; their own retries report a database that stays down
    reconnectTimer = setTimeout(connect, options.retryDelayMs);
  };

  const sendNotify = async () => {
    notifyTimer = undefined;
    if (closed) return;
    try {
      // durability of a wake-up does not matter: do not make its commit wait for a WAL flush
      await db.simple(
        `SET LOCAL synchronous_commit = off; SELECT pg_notify('${channel}', '${lastPosition}')`,
        'NOTIFY',
      );
    } catch (error) {
      onError(storeUnavailable('NOTIFY', error));
    }
  };

  return {
    add(listener) {
      listeners.add(listener);
      void connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
    appended(position) {
      if (closed) return;
      if (position > lastPosition) lastPosition = position;
      queueMicrotask(wakeAll);
      notifyTimer ??= setTimeout(() => void sendNotify(), notifyEveryMs);
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(notifyTimer);
      listeners.clear();
      disconnect();
    },
  };
};
