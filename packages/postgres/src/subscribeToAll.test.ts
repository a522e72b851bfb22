import {
  createEventRegistry,
  defineEvent,
  defineUpcaster,
  isRapportError,
  type RapportError,
  type RecordedEvent,
} from '@rapport/core';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connect, createTestStore, type TestStore } from '../test/support';
import { createPostgresEventStore } from './index';

let writer: TestStore;
beforeAll(async () => {
  writer = await createTestStore('subscribe');
});
afterAll(async () => writer.teardown());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (condition: () => boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
};

describe('subscribeToAll on postgres', () => {
  it('is woken by NOTIFY from another process, not by polling', async () => {
    const other = await createTestStore('subscribe', { schema: writer.schema, pollIntervalMs: 600_000 });
    try {
      const seen: RecordedEvent[] = [];
      const subscription = other.store
        .subscribeToAll({ streamPrefix: 'notify-' })
        .subscribe((e) => seen.push(e));
      await sleep(300); // caught up, LISTENing, and now asleep until woken
      const started = Date.now();
      await writer.store.appendToStream('notify-1', [{ type: 'Noted', data: {} }]);
      await waitFor(() => seen.length === 1, 5_000);
      expect(Date.now() - started).toBeLessThan(2_000);
      subscription.unsubscribe();
    } finally {
      await other.store.close();
    }
  });

  it('resumes without loss or duplicates when its connections are terminated', async () => {
    const appName = `rapport-kill-${Math.random().toString(36).slice(2, 8)}`;
    const errors: RapportError[] = [];
    const reader = await createTestStore('subscribe', {
      schema: writer.schema,
      applicationName: appName,
      pollIntervalMs: 50,
      subscription: { batchSize: 13, retryDelayMs: 20, maxRetries: 8 },
      onError: (error) => errors.push(error),
    });
    const admin = await connect();
    try {
      const seen: RecordedEvent[] = [];
      let failed: unknown;
      const subscription = reader.store
        .subscribeToAll({ streamPrefix: 'kill-' })
        .subscribe({ next: (e) => seen.push(e), error: (e) => (failed = e) });
      const total = 400;
      const writing = (async () => {
        for (let i = 0; i < total; i++)
          await writer.store.appendToStream(`kill-${i % 5}`, [{ type: 'N', data: { i } }]);
      })();
      for (let round = 0; round < 5; round++) {
        await sleep(60);
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [appName],
        );
      }
      await writing;
      await waitFor(() => seen.length >= total);
      await sleep(200);
      subscription.unsubscribe();
      expect(failed).toBeUndefined();
      expect(seen.map((e) => (e.data as { i: number }).i)).toEqual(
        Array.from({ length: total }, (_, i) => i),
      );
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => isRapportError(e, 'StoreUnavailable'))).toBe(true);
    } finally {
      await admin.end();
      await reader.store.close();
    }
  }, 60_000);

  it('errors with StoreUnavailable after a bounded number of failed reads', async () => {
    const store = createPostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      schema: 'unreachable',
      autoMigrate: false,
      subscription: { maxRetries: 2, retryDelayMs: 5 },
    });
    const error = await firstValueFrom(store.subscribeToAll()).catch((e: unknown) => e);
    expect(isRapportError(error, 'StoreUnavailable')).toBe(true);
    await store.close();
  });

  it('completes live subscriptions on close and lifts old event versions', async () => {
    const v2 = defineEvent({
      type: 'Renamed',
      family: 'test',
      version: 2,
      description: 'v2',
      schema: z.strictObject({ full: z.string() }),
    });
    const registry = createEventRegistry([v2], {
      upcasters: [
        defineUpcaster({
          type: 'Renamed',
          fromVersion: 1,
          schema: z.strictObject({ name: z.string() }),
          up: (data) => ({ full: data.name }),
        }),
      ],
    });
    const store = await createTestStore('subscribe', { schema: writer.schema, registry });
    await store.store.appendToStream('lift-1', [
      { type: 'Renamed', data: { name: 'Ada' }, metadata: { schemaVersion: 1 } },
    ]);
    const all = firstValueFrom(
      store.store.subscribeToAll({ streamPrefix: 'lift-' }).pipe(take(5), toArray()),
    );
    await sleep(200);
    await store.store.close();
    const events = await all;
    expect(events.map((e) => [e.data, e.metadata.schemaVersion])).toEqual([[{ full: 'Ada' }, 2]]);
  });
});
