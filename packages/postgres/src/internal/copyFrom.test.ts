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
      const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
      const before = timers();
      expect(await copyFrom(client, 'COPY copied FROM STDIN', ['1\ta\n'])).toBe(1);
      expect(timers()).toBe(before);
    });
  });
});
