import { describe } from 'vitest';
import { aliasContract } from './aliasContract';
import { commitContract } from './commitContract';
import { documentRuleContract } from './documentRuleContract';
import { documentsContract } from './documentsContract';
import { metadataContract } from './metadataContract';
import { outboxContract } from './outboxContract';
import { outboxOrderContract } from './outboxOrderContract';
import type { ReadModelHarness, ReadModelStoreContractOptions } from './readModelHarness';
import { uniqueName } from './readModelHarness';
import { timersContract } from './timersContract';

/**
 * The read-model store contract: every `ReadModelStore` runs it with one call, so every store keeps documents,
 * timers, aliases (and their removals), dead letters, checkpoints, active versions and the outbox the same way, and commits all or
 * nothing; given `createTenants`, it also checks that tenants never see each other's changes.
 *
 * @example
 * readModelStoreContract('in-memory', { create: async () => ({ store: createInMemoryReadModelStore() }) });
 */
export const readModelStoreContract = (name: string, options: ReadModelStoreContractOptions): void => {
  const { createTenants } = options;
  const harness: ReadModelHarness = {
    async withStore(body) {
      const { store, teardown } = await options.create();
      try {
        await body(store, uniqueName);
      } finally {
        await teardown?.();
      }
    },
    withTenants:
      createTenants &&
      (async (body) => {
        const { stores, teardown } = await createTenants();
        try {
          await body(stores, uniqueName);
        } finally {
          await teardown?.();
        }
      }),
  };
  describe(`read-model store contract: ${name}`, { timeout: options.timeout ?? 20_000 }, () => {
    documentsContract(harness);
    documentRuleContract(harness);
    commitContract(harness);
    timersContract(harness);
    metadataContract(harness);
    aliasContract(harness);
    outboxContract(harness);
    outboxOrderContract(harness);
  });
};
