import type pg from 'pg';

/** Session-level advisory locks on one dedicated connection: membership and partition ownership. */
export interface PartitionLocks {
  /** Registers this worker as a member (a shared lock every live worker holds). */
  join(): Promise<void>;
  /** How many workers hold the membership lock now. */
  members(): Promise<number>;
  /** Takes a partition if no other session holds it. */
  tryTake(index: number): Promise<boolean>;
  release(index: number): Promise<void>;
  /** Closes the connection: the server drops every lock it held. */
  close(): void;
}

/** Names one partitioned collection's locks: `rapport/<schema>/<tenant>/<collection>/<count>/…`. */
export interface LockScope {
  readonly schema: string;
  readonly tenant: string;
  readonly collection: string;
  readonly count: number;
}

const KEY = 'hashtextextended($1, 0)';

/**
 * Locks on `client`, a connection the worker holds for its whole life. They are session locks: if the worker dies,
 * its connection drops and the server releases them, so other workers can take its partitions.
 */
export const createPartitionLocks = (client: pg.PoolClient, scope: LockScope): PartitionLocks => {
  const base = `rapport/${scope.schema}/${scope.tenant}\u001f${scope.collection}/${scope.count}`;
  const member = `${base}/members`;
  const partition = (index: number) => `${base}/partition/${index}`;
  return {
    join: async () => {
      await client.query(`SELECT pg_advisory_lock_shared(${KEY})`, [member]);
    },
    members: async () => {
      const { rows } = await client.query<{ members: number }>(
        `SELECT count(*)::int AS members FROM pg_locks l, (SELECT ${KEY} AS k) x
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid::bigint = (x.k >> 32) & 4294967295 AND l.objid::bigint = x.k & 4294967295`,
        [member],
      );
      return rows[0]?.members ?? 0;
    },
    tryTake: async (index) => {
      const { rows } = await client.query<{ taken: boolean }>(
        `SELECT pg_try_advisory_lock(${KEY}) AS taken`,
        [partition(index)],
      );
      return rows[0]?.taken === true;
    },
    release: async (index) => {
      await client.query(`SELECT pg_advisory_unlock(${KEY})`, [partition(index)]);
    },
    close: () => client.release(true),
  };
};
