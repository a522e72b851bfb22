import { isRapportError } from '@rapport/core';
import { describe, expect, it, vi } from 'vitest';
import { createEventStoreDbEventStore, type EventStoreDbClient } from './index';

/** A stand-in for the real client: the methods the store checks for, none of which these tests call. */
const fakeClient = (dispose = vi.fn(async () => undefined)) =>
  ({
    dispose,
    appendToStream: vi.fn(),
    readStream: vi.fn(),
    readAll: vi.fn(),
    subscribeToAll: vi.fn(),
  }) as unknown as EventStoreDbClient;

const configurationError = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    return isRapportError(error, 'Configuration');
  }
  return false;
};

describe('creating the EventStoreDB store', () => {
  it('needs exactly one of client or connectionString, and sane numbers', () => {
    expect(configurationError(() => createEventStoreDbEventStore({}))).toBe(true);
    const client = fakeClient();
    expect(
      configurationError(() =>
        createEventStoreDbEventStore({ client, connectionString: 'esdb://localhost:2113?tls=false' }),
      ),
    ).toBe(true);
    expect(configurationError(() => createEventStoreDbEventStore({ client, readPageSize: 0 }))).toBe(true);
    expect(
      configurationError(() =>
        createEventStoreDbEventStore({ client, subscriptionRetry: { initialDelayMs: 1.5 } }),
      ),
    ).toBe(true);
  });

  it('leaves a client it was given open, disposes one it opened, and refuses work once closed', async () => {
    const dispose = vi.fn(async () => undefined);
    const given = createEventStoreDbEventStore({ client: fakeClient(dispose) });
    await given.close();
    expect(dispose).not.toHaveBeenCalled();
    await expect(given.readStream('s')).rejects.toSatisfy((e) => isRapportError(e, 'StoreUnavailable'));
    // opening a client does not connect; closing the store disposes it
    const owned = createEventStoreDbEventStore({ connectionString: 'esdb://localhost:2113?tls=false' });
    await owned.close();
    await expect(owned.headPosition()).rejects.toSatisfy((e) => isRapportError(e, 'StoreUnavailable'));
  });
});
