import { createProjectionRunner, defineProjection } from '@rapport/projections';
import { describe, expect, it } from 'vitest';
import { createTestStore, pgUrl } from '../test/support';
import { createPostgresReadModelStore } from './index';

/** A projection whose state gains a bigint on 'Bad' events: fine in memory once, never storable as JSON. */
const spend = defineProjection<{ readonly orders: number; readonly total?: unknown }>({
  name: 'spend',
  version: 1,
  handles: ['Order', 'Bad'],
  failurePolicy: 'skip',
  keyOf: (event) => event.streamId,
  init: () => ({ orders: 0 }),
  evolve: (state, event) =>
    event.type === 'Bad' ? { ...state, total: BigInt(state.orders) } : { ...state, orders: state.orders + 1 },
});

describe('a projection state that holds a bigint, on PostgreSQL', () => {
  it('becomes a dead letter with its reason, and the runner moves on instead of retrying for ever', async () => {
    const t = await createTestStore('unstorable');
    const readModels = createPostgresReadModelStore({ connectionString: pgUrl, schema: t.schema });
    try {
      for (const type of ['Order', 'Bad', 'Order']) await t.store.appendToStream('c-1', [{ type, data: {} }]);
      const runner = createProjectionRunner({
        projection: spend,
        eventStore: t.store,
        readModels,
        retryDelayMs: 20,
        tickIntervalMs: 0,
      });
      runner.start();
      await runner.waitForPosition(await t.store.headPosition());
      await runner.stop();
      expect(runner.status().lastError).toBeUndefined();
      expect(await readModels.get('spend_v1', 'c-1')).toEqual({ orders: 2 });
      const letters = await readModels.listDeadLetters('spend_v1');
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ eventType: 'Bad', key: 'c-1', policy: 'skip' });
      expect(letters[0]!.error.message).toMatch(/state\.total.*1n/);
    } finally {
      await readModels.close();
      await t.teardown();
    }
  });
});
