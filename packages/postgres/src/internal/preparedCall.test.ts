import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUrl } from '../../test/support';
import type { Statement } from './database';
import { preparedCall } from './preparedCall';

const statement = (name: string, text: string): Statement => ({ name, text, action: 'test' });
const echo = statement('rapport.test.echo', 'SELECT $1::text || coalesce($2::text, $3::text) AS answer');

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
});
afterAll(() => pool.end());

const onOneClient = async <T>(work: (client: pg.PoolClient) => Promise<T>, on = pool): Promise<T> => {
  const client = await on.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
};

describe('preparedCall', () => {
  it('answers with the first column as text, and again on the same connection without parsing again', async () => {
    await onOneClient(async (client) => {
      expect(await preparedCall(client, echo, ['a', null, 'b'])).toBe('ab');
      expect(await preparedCall(client, echo, ['é\u{1F600}', 'x', null])).toBe('é\u{1F600}x');
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`,
        [echo.name],
      );
      expect(rows[0]?.n).toBe(1);
    });
  });

  it('answers null for a NULL and for no row at all', async () => {
    await onOneClient(async (client) => {
      expect(await preparedCall(client, statement('rapport.test.null', 'SELECT NULL::text'), [])).toBeNull();
      expect(
        await preparedCall(client, statement('rapport.test.none', 'SELECT 1 WHERE false'), []),
      ).toBeNull();
    });
  });

  it('reads text whatever type parsers the pool has', async () => {
    const parsing = new pg.Pool({
      connectionString: pgUrl,
      max: 1,
      types: { getTypeParser: () => (value: string) => `parsed:${value}` } as never,
    });
    try {
      const answer = await onOneClient(
        (client) => preparedCall(client, statement('rapport.test.int', 'SELECT 41 + 1'), []),
        parsing,
      );
      expect(answer).toBe('42');
    } finally {
      await parsing.end();
    }
  });

  it('rejects with the server error, and the connection goes on working', async () => {
    await onOneClient(async (client) => {
      const failing = statement('rapport.test.fails', 'SELECT 1 / $1::int');
      const error = await preparedCall(client, failing, ['0']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(pg.DatabaseError);
      expect((error as pg.DatabaseError).code).toBe('22012'); // division by zero
      expect(await preparedCall(client, failing, ['1'])).toBe('1');
      const broken = statement('rapport.test.broken', 'SELECT nope(');
      expect(await preparedCall(client, broken, []).catch((e: unknown) => e)).toMatchObject({
        code: '42601',
      });
      expect(await preparedCall(client, echo, ['still ', 'here', null])).toBe('still here');
    });
  });

  it('rejects when the connection is closed under it', async () => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    const killer = new pg.Client({ connectionString: pgUrl });
    await killer.connect();
    try {
      client.on('error', () => undefined);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // the outcome is taken at once: the server's FATAL can reach this client before the killer hears its answer
      const outcome = preparedCall(
        client,
        statement('rapport.test.sleep', 'SELECT pg_sleep(5)::text'),
        [],
      ).then(
        () => 'answered',
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      expect(await outcome).toMatchObject({ code: '57P01' }); // admin_shutdown
    } finally {
      await killer.end();
      await client.end().catch(() => undefined);
    }
  });

  it('lets a client timeout end a call that takes too long, and clears the timer of one that did not', async () => {
    const client = new pg.Client({ connectionString: pgUrl, query_timeout: 300 });
    await client.connect();
    try {
      const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
      const before = timers();
      expect(await preparedCall(client, echo, ['on ', 'time', null])).toBe('on time');
      expect(timers()).toBe(before); // pg's read timer for the call is gone
      await expect(
        preparedCall(client, statement('rapport.test.slow', 'SELECT pg_sleep(2)::text'), []),
      ).rejects.toThrow('Query read timeout');
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  it('takes the ordinary path on a client in pipeline mode', async () => {
    const client = new pg.Client({ connectionString: pgUrl, pipeline: true } as pg.ClientConfig);
    await client.connect();
    try {
      expect((client as unknown as { pipeline?: boolean }).pipeline).toBe(true);
      expect(await preparedCall(client, echo, ['pipe', 'lined', null])).toBe('pipelined');
    } finally {
      await client.end();
    }
  });
});
