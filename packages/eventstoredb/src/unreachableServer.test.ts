import { isRapportError } from '@rapport/core';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from './index';

const unavailable = (error: unknown) => isRapportError(error, 'StoreUnavailable');

// The real client against a port nobody listens on: exercises the mapping module's error paths without a server.
describe('with the real client and no server listening', () => {
  const connect = () =>
    createEventStoreDbEventStore({
      connectionString: 'esdb://127.0.0.1:1?tls=false',
      registry: false,
      subscriptionRetry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 10 },
    });

  it('reports reads and appends as StoreUnavailable, with the client error as cause', async () => {
    const store = connect();
    try {
      await expect(store.readStream('s')).rejects.toSatisfy(unavailable);
      await expect(store.readAll()).rejects.toSatisfy(unavailable);
      await expect(store.headPosition()).rejects.toSatisfy(unavailable);
      const error = await store.appendToStream('s', [{ type: 'T', data: {} }]).catch((e: unknown) => e);
      expect(unavailable(error)).toBe(true);
      expect((error as Error).message).toContain('EventStoreDB append on stream s failed');
      expect((error as Error).cause).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('retries a subscription with back-off, then errors the Observable', async () => {
    const store = connect();
    try {
      const error = await firstValueFrom(store.subscribeToAll()).catch((e: unknown) => e);
      expect(unavailable(error)).toBe(true);
      expect((error as Error).message).toContain('3 times in a row');
    } finally {
      await store.close();
    }
  });
});
