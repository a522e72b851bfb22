import { randomBytes } from 'node:crypto';
import { profileProjection } from '@rapport/profiles';
import { projectionEquivalenceSuite } from '@rapport/testing/vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore, createSqliteReadModelStore } from './index';

const file = tempFile();

// the profile projection runs on SQLite (events and read models on one file) with the same results as in memory;
// each history gets a tenant of its own
projectionEquivalenceSuite('sqlite', {
  createStores: async () => {
    const tenantId = `t-${randomBytes(6).toString('hex')}`;
    const eventStore = createSqliteEventStore({ file, tenantId });
    const readModels = createSqliteReadModelStore({ file, tenantId });
    return {
      eventStore,
      readModels,
      teardown: async () => {
        await eventStore.close();
        await readModels.close();
      },
    };
  },
  projections: [profileProjection],
  numRuns: 12,
});
