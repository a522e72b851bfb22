import { describe } from 'vitest';
import { appendContract } from './appendContract';
import type { ContractHarness, EventStoreContractOptions } from './contractHelpers';
import { uniquePrefix } from './contractHelpers';
import { idempotencyContract } from './idempotencyContract';
import { readContract } from './readContract';
import { subscribeContract } from './subscribeContract';

/**
 * The event store contract: every adapter runs it with one call, so every store behaves the same.
 *
 * @example
 * eventStoreContract('in-memory', { create: async ({ registry }) => ({ store: createInMemoryEventStore({ registry }) }) });
 */
export const eventStoreContract = (name: string, options: EventStoreContractOptions): void => {
  const harness: ContractHarness = {
    options,
    async withStore(body, registry = false) {
      const { store, teardown } = await options.create({ registry });
      try {
        await body(store, uniquePrefix());
      } finally {
        await teardown?.();
      }
    },
  };
  describe(`event store contract: ${name}`, { timeout: options.timeout ?? 20_000 }, () => {
    appendContract(harness);
    idempotencyContract(harness);
    readContract(harness);
    subscribeContract(harness);
  });
};
