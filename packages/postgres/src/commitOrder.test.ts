import type { RecordedEvent } from '@rapport/core';
import type pg from 'pg';
import type { Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendOnClient, connect, createTestStore, type TestStore } from '../test/support';

let writer: TestStore;
let reader: TestStore;
beforeAll(async () => {
  writer = await createTestStore('order');
  // a second store on the same schema, with its own pool, that never waits for the horizon
  reader = await createTestStore('order', { schema: writer.schema, horizonWaitMs: 0, pollIntervalMs: 20 });
});
afterAll(async () => {
  await reader.store.close();
  await writer.teardown();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reader that pages through readAll and checkpoints `lastPosition`, as a projection runner would. */
const pollingReader = () => {
  const seen: RecordedEvent[] = [];
  let after = 0n;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const page = await reader.store.readAll({ after, maxCount: 7 });
      seen.push(...page.events);
      after = page.lastPosition;
      if (page.isEnd) await sleep(5);
    }
  })();
  return {
    seen,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
};

const subscriber = () => {
  const seen: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription: Subscription = reader.store
    .subscribeToAll()
    .subscribe({ next: (event) => seen.push(event), error: (error) => errors.push(error) });
  return { seen, errors, subscription };
};

const waitFor = async (condition: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
};

const expectExactlyOnceInOrder = (seen: readonly RecordedEvent[], expected: readonly bigint[]) => {
  const positions = seen.map((event) => event.globalPosition);
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
  expect(positions).toEqual([...expected].sort((a, b) => (a < b ? -1 : 1)));
};

const allPositions = async (client: pg.Client) =>
  (
    await client.query<{ p: string }>(`SELECT global_position::text AS p FROM "${writer.schema}".events`)
  ).rows.map((row) => BigInt(row.p));

describe('given transactions that commit out of position order', () => {
  it('a reader never passes a position that an open transaction may still commit', async () => {
    const held = await connect();
    const aborted = await connect();
    const poller = pollingReader();
    const live = subscriber();
    try {
      await writer.store.appendToStream('before', [{ type: 'Noted', data: {} }]);
      await held.query('BEGIN');
      const heldPosition = await appendOnClient(held, writer.schema, 'held');
      await aborted.query('BEGIN');
      await appendOnClient(aborted, writer.schema, 'aborted');
      // eight writers commit 20 events each while `held` and `aborted` stay open with lower positions
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 20; i++)
            await writer.store.appendToStream(`w-${w}`, [{ type: 'Noted', data: { i } }]);
        }),
      );
      const committedAbove = (await allPositions(held)).filter((p) => p > heldPosition);
      expect(committedAbove.length).toBe(160); // the pitfall is real: 160 later positions are committed
      await sleep(200);
      for (const seen of [poller.seen, live.seen]) {
        expect(seen.map((event) => event.streamId)).toEqual(['before']);
      }
      await aborted.query('ROLLBACK');
      await held.query('COMMIT');
      const expected = await allPositions(held);
      expect(expected.length).toBe(162);
      await waitFor(() => poller.seen.length >= 162 && live.seen.length >= 162);
      await sleep(100);
      expectExactlyOnceInOrder(poller.seen, expected);
      expectExactlyOnceInOrder(live.seen, expected);
      expect(live.errors).toEqual([]);
    } finally {
      live.subscription.unsubscribe();
      await poller.stop();
      await held.end();
      await aborted.end();
    }
  }, 60_000);

  it('many writers with random commit delays: every reader sees every event exactly once, in order', async () => {
    const start = await writer.store.headPosition();
    const poller = pollingReader();
    const live = subscriber();
    const clients = await Promise.all(Array.from({ length: 6 }, () => connect()));
    try {
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; i < 25; i++) {
            await client.query('BEGIN');
            await appendOnClient(client, writer.schema, `delayed-${c}`);
            await client.query('SELECT pg_sleep($1)', [Math.random() * 0.03]);
            await client.query(Math.random() < 0.1 ? 'ROLLBACK' : 'COMMIT');
          }
        }),
      );
      const expected = (await allPositions(clients[0]!)).filter((p) => p > start);
      const total = (await allPositions(clients[0]!)).length;
      await waitFor(() => poller.seen.length >= total && live.seen.length >= total);
      await sleep(100);
      for (const seen of [poller.seen, live.seen]) {
        expectExactlyOnceInOrder(
          seen.filter((event) => event.globalPosition > start),
          expected,
        );
      }
    } finally {
      live.subscription.unsubscribe();
      await poller.stop();
      await Promise.all(clients.map((client) => client.end()));
    }
  }, 60_000);

  it('readAll and headPosition wait for events an older open transaction hides, up to horizonWaitMs', async () => {
    const unrelated = await connect();
    try {
      await unrelated.query('BEGIN');
      await unrelated.query('SELECT pg_current_xact_id()'); // any transaction with an id holds the horizon
      const written = await writer.store.appendToStream('hidden', [{ type: 'Noted', data: {} }]);
      const after = written.lastGlobalPosition - 1n;
      const impatient = await reader.store.readAll({ after });
      expect(impatient).toEqual({ events: [], lastPosition: after, isEnd: false });
      const started = Date.now();
      const patient = writer.store.readAll({ after });
      const head = writer.store.headPosition();
      setTimeout(() => void unrelated.query('COMMIT'), 300);
      expect((await patient).events.map((e) => e.id)).toEqual([written.events[0]?.id]);
      expect(await head).toBe(written.lastGlobalPosition);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await unrelated.end();
    }
  });

  it('refuses an append in a transaction that already has an id, which would break the ordering invariant', async () => {
    const client = await connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      await expect(appendOnClient(client, writer.schema, 'late')).rejects.toThrow(
        'first write of its transaction',
      );
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
