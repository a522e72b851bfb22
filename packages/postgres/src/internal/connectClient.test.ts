import { EventEmitter } from 'node:events';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectClient } from './connectClient';

const terminated = new Error('terminating connection due to administrator command');

/**
 * A client whose server ends the session in the same read that completes its start-up: pg calls back `connect`,
 * then parses the FATAL that followed ReadyForQuery and emits it, before any promise continuation can run.
 */
class TerminatedAsItOpens extends EventEmitter {
  _queryable = true;
  _ending = false;
  connect(callback: (error: Error | null) => void): void {
    callback(null);
    this._queryable = false;
    this.emit('error', terminated);
  }
  end(callback?: () => void): void {
    this._ending = true;
    callback?.();
  }
}

describe('connectClient', () => {
  it('listens before a backend terminated as its connection opens can report it', async () => {
    const pool = new pg.Pool({ Client: TerminatedAsItOpens as unknown as typeof pg.Client });
    const heard: Error[] = [];
    const client = await connectClient(pool, (error) => heard.push(error));
    expect(heard).toEqual([terminated]);
    client.release(terminated);
    await pool.end();
  });

  it('rejects with the reason a connection could not be opened', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    await expect(connectClient(pool, () => undefined)).rejects.toThrow(/ECONNREFUSED|connect/);
    await pool.end();
  });
});
