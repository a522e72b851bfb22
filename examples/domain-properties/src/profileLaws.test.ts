import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCustomerService, createInMemoryEventStore } from '@rapport/core';
import { netSpent, profileProjection } from '@rapport/profiles';
import { foldProjection } from '@rapport/projections';
import { arbitraryCustomerHistory, recordCustomerHistory } from '@rapport/testing';
import fc from 'fast-check';

// #region history
test('given any coherent customer history, the profile’s net spend is what was paid less what was refunded', async () => {
  await fc.assert(
    fc.asyncProperty(arbitraryCustomerHistory({ merges: false }), async (history) => {
      const store = createInMemoryEventStore();
      await recordCustomerHistory(createCustomerService(store), history);
      const { events } = await store.readAll({ maxCount: 10_000 });
      const profiles = foldProjection(profileProjection, events).documents;
      for (const [customerId, profile] of profiles) {
        for (const currency of ['USD', 'EUR', 'GBP']) {
          let expected = 0;
          for (const step of history) {
            if (step.kind !== 'command' || step.command.data.customerId !== customerId) continue;
            const { command } = step;
            if (command.type === 'RecordPurchase' && command.data.currency === currency)
              expected += command.data.total;
            if (command.type === 'RecordRefund' && command.data.currency === currency)
              expected -= command.data.amount;
          }
          assert.equal(netSpent(profile, currency), expected, `${customerId} in ${currency}`);
        }
      }
    }),
    { numRuns: 50 },
  );
});
// #endregion history
