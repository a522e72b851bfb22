import { erasureContract, eventStoreContract } from '@rapport/testing/vitest';
import { afterAll, describe } from 'vitest';
import { createEventStoreDbEventStore } from './createEventStoreDbEventStore';
import { connectClient } from './internal/client';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const skipped =
  'EventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set, so there is no server to run ' +
  'against (start one with the Docker command in packages/eventstoredb/README.md)';

if (connectionString === undefined) console.warn(`\n⚠ ${skipped}\n`);

// Skipped, never silently passed: without a server every contract test is reported as skipped under this title.
describe.skipIf(connectionString === undefined)(
  connectionString === undefined ? skipped : 'EventStoreDB server',
  () => {
    // One connection for the whole suite; every test gets its own store and a unique stream prefix from the suite.
    const client = connectClient(connectionString ?? 'esdb://localhost:2113?tls=false');
    afterAll(() => client.dispose());
    eventStoreContract(`EventStoreDB at ${connectionString}`, {
      create: async ({ registry }) => {
        const store = createEventStoreDbEventStore({ client: client!, registry });
        return { store, teardown: () => store.close() };
      },
      atomicMultiStreamAppend: false,
      uniqueEventIds: false,
      timeout: 60_000,
    });
    erasureContract(`EventStoreDB at ${connectionString}`, {
      create: async () => {
        const store = createEventStoreDbEventStore({ client: client!, registry: false });
        return { store, teardown: () => store.close() };
      },
      timeout: 60_000,
    });
  },
);
