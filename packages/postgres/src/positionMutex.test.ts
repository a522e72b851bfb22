import { isRapportError } from '@rapport/core';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createTestStore, type TestStore } from '../test/support';

// The position mutex is a session-level advisory lock (see migrations/v8FastAppend.ts): an append that fails while
// holding it and returns its connection to the pool would stall every later append of the schema.

let t: TestStore;
let impatient: TestStore; // the same schema, through a pool whose statements time out after 300 ms
let admin: pg.Client;
beforeAll(async () => {
  t = await createTestStore('mutex', { applicationName: 'rapport-mutex' });
  impatient = await createTestStore('mutex', { schema: t.schema, statementTimeoutMs: 300 });
  admin = await connect('rapport-mutex-admin');
});
afterAll(async () => {
  await admin.end();
  await impatient.store.close();
  await t.teardown();
});

const mutexKey = () => `hashtextextended('rapport/${t.schema}/positions', 0)`;
const sequence = () => `"${t.schema}".global_position_seq`;
const note = (n: number) => ({ type: 'Noted', data: { n } });

/** The three ways to append, each of which takes the position mutex. */
const appends = {
  'one event': (n: number, store = t.store) => store.appendToStream(`s-${n}`, [note(n)]),
  'several events': (n: number, store = t.store) => store.appendToStream(`s-${n}`, [note(n), note(n + 1)]),
  'several streams': (n: number, store = t.store) =>
    store.appendToStreams([
      { streamId: `a-${n}`, events: [note(n)] },
      { streamId: `b-${n}`, events: [note(n)] },
    ]),
};

/** True when no session holds the mutex: this one can take it (and gives it back at once). */
const mutexIsFree = async (): Promise<boolean> => {
  const { rows } = await admin.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${mutexKey()}) AS free`);
  if (rows[0]?.free) await admin.query(`SELECT pg_advisory_unlock(${mutexKey()})`);
  return rows[0]?.free === true;
};

/**
 * Waits until an append of the store waits for a lock of type `lock` (`advisory`: the mutex; `relation`: the
 * sequence, inside the mutex), then runs `interrupt` with its pid. The store's NOTIFYs may wait for locks too.
 */
const interruptWhenBlocked = async (
  lock: 'advisory' | 'relation',
  interrupt: (pid: number) => Promise<unknown>,
): Promise<void> => {
  for (let tries = 0; tries < 250; tries++) {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'rapport-mutex' AND wait_event_type = 'Lock'
         AND wait_event = $1 AND query LIKE '%append%'`,
      [lock],
    );
    if (rows[0]) {
      await interrupt(rows[0].pid);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the append never blocked');
};

/** Runs `work` while another transaction holds a lock on the sequence that `nextval`, inside the mutex, waits for. */
const whileNextvalWaits = async <T>(work: () => Promise<T>): Promise<T> => {
  const blocker = await connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query(`ALTER SEQUENCE ${sequence()} INCREMENT BY 1`);
    return await work();
  } finally {
    await blocker.end(); // rolls back
  }
};

/** The mutex is free and the store appends again, on every connection of its pool. */
const expectAppendsGoOn = async (n: number) => {
  expect(await mutexIsFree()).toBe(true);
  const results = await Promise.all([1, 2, 3, 4].map((i) => appends['one event'](n * 10 + i)));
  expect(results.every((result) => !result.duplicate)).toBe(true);
};

describe.each(Object.entries(appends))(
  'given an append of %s that fails at the position mutex',
  (_, append) => {
    let n = 0;
    const next = () => (n += 100);

    it('cancelled while waiting for the mutex, it holds nothing and the others go on', async () => {
      await admin.query(`SELECT pg_advisory_lock(${mutexKey()})`);
      const pending = append(next()).catch((e: unknown) => e);
      await interruptWhenBlocked('advisory', (pid) => admin.query('SELECT pg_cancel_backend($1)', [pid]));
      await admin.query(`SELECT pg_advisory_unlock(${mutexKey()})`);
      expect(isRapportError(await pending, 'StoreUnavailable')).toBe(true);
      await expectAppendsGoOn(next());
    });

    it('cancelled just as it is granted the mutex, it releases it and the others go on', async () => {
      await admin.query(`SELECT pg_advisory_lock(${mutexKey()})`);
      const pending = append(next()).catch((e: unknown) => e);
      // the cancel is sent first, but the waiter handles it only after the mutex was handed to it
      await interruptWhenBlocked('advisory', (pid) =>
        admin.query(`SELECT pg_cancel_backend($1), pg_advisory_unlock(${mutexKey()})`, [pid]),
      );
      expect(isRapportError(await pending, 'StoreUnavailable')).toBe(true);
      await expectAppendsGoOn(next());
    });

    it('cancelled while holding the mutex (nextval waits for a lock), it releases it and the others go on', async () => {
      const error = await whileNextvalWaits(async () => {
        const pending = append(next()).catch((e: unknown) => e);
        await interruptWhenBlocked('relation', (pid) => admin.query('SELECT pg_cancel_backend($1)', [pid]));
        return pending;
      });
      expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
      expect((error as Error).message).toContain('canceling statement');
      await expectAppendsGoOn(next());
    });

    it('timed out while holding the mutex, it releases it and the others go on', async () => {
      const error = await whileNextvalWaits(() => append(next(), impatient.store).catch((e: unknown) => e));
      expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
      expect((error as Error).message).toContain('statement timeout');
      await expectAppendsGoOn(next());
    });

    it('failing inside the mutex (the sequence is exhausted), it releases it and the others go on', async () => {
      const { rows } = await admin.query<{ last: string }>(
        `SELECT last_value::text AS last FROM ${sequence()}`,
      );
      await admin.query(`ALTER SEQUENCE ${sequence()} MAXVALUE ${rows[0]?.last}`);
      try {
        const error = await append(next()).catch((e: unknown) => e);
        expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
        expect((error as Error).message).toContain('reached maximum value');
        expect(await mutexIsFree()).toBe(true);
      } finally {
        await admin.query(`ALTER SEQUENCE ${sequence()} NO MAXVALUE`);
      }
      await expectAppendsGoOn(next());
    });
  },
);

describe('given the mutex key held at transaction level, which no append does', () => {
  it('the release on error gives up instead of spinning on a lock it cannot free', async () => {
    const other = await connect();
    try {
      await other.query('SET statement_timeout = 2000');
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(${mutexKey()})`);
      await other.query(`SELECT "${t.schema}".release_position_mutex()`);
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
  });
});
