import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgUrl } from '../../test/support';
import { copyFrom } from './copyFrom';

const withClient = async (config: pg.ClientConfig, work: (client: pg.PoolClient) => Promise<void>) => {
  const client = new pg.Client({ connectionString: pgUrl, ...config });
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE copied (n int, s text)');
    await work(client as pg.PoolClient);
  } finally {
    await client.end();
  }
};

describe('copyFrom', () => {
  it('copies every chunk and answers with the row count', async () => {
    await withClient({}, async (client) => {
      expect(await copyFrom(client, 'COPY copied FROM STDIN', ['1\ta\n2\tb\n', '3\tc\n'])).toBe(3);
      const { rows } = await client.query('SELECT n, s FROM copied ORDER BY n');
      expect(rows).toEqual([
        { n: 1, s: 'a' },
        { n: 2, s: 'b' },
        { n: 3, s: 'c' },
      ]);
    });
  });

  it('fails the COPY when the chunks throw, rejecting with their error', async () => {
    await withClient({}, async (client) => {
      function* chunks() {
        yield '1\ta\n';
        throw new Error('no more rows');
      }
      await expect(copyFrom(client, 'COPY copied FROM STDIN', chunks())).rejects.toThrow('no more rows');
      expect((await client.query('SELECT count(*)::int AS n FROM copied')).rows[0]?.n).toBe(0);
    });
  });

  it('clears the client timeout timer of a COPY that finished', async () => {
    await withClient({ query_timeout: 5_000 }, async (client) => {
      // the timers created while the COPY runs and neither fired nor cleared: counting every Timeout of the process
      // instead (as this test once did) also counts timers of the runner and the driver that come and go meanwhile
      const pending = new Set<unknown>();
      const { setTimeout: set, clearTimeout: clear } = globalThis;
      globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const handle = set(() => {
          pending.delete(handle);
          callback(...args);
        }, ms);
        pending.add(handle);
        return handle;
      }) as typeof setTimeout;
      globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
        pending.delete(handle);
        clear(handle);
      }) as typeof clearTimeout;
      try {
        expect(await copyFrom(client, 'COPY copied FROM STDIN', ['1\ta\n'])).toBe(1);
      } finally {
        globalThis.setTimeout = set;
        globalThis.clearTimeout = clear;
      }
      expect(pending.size).toBe(0);
    });
  });
});
