import { createFakeClock, createInMemoryEventStore } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { tallyProjection } from '../test/fixtures';
import { appendAll, minute } from '../test/harness';
import { createProjectionRunner } from './projectionRunner';
import type { ProjectionStatus } from './projectionStatus';

describe('progress', () => {
  it('reports position, head, lag in events and seconds, and throughput as it catches up', async () => {
    // recorded after the events it holds happened (a log is never ahead of its clock)
    const clock = createFakeClock(minute(100));
    const store = createInMemoryEventStore({ registry: false, clock });
    await appendAll(
      store,
      Array.from({ length: 100 }, (_, i) => ({
        type: 'Touched',
        key: `k${i % 7}`,
        at: minute(i),
        data: { n: 1 },
      })),
    );
    clock.advance(90_000);
    const runner = createProjectionRunner({
      projection: tallyProjection(),
      eventStore: store,
      readModels: createInMemoryReadModelStore(),
      clock,
      batchSize: 10,
      tickIntervalMs: 0,
    });
    // #region progress
    const seen: ProjectionStatus[] = [];
    const subscription = runner.progress$.subscribe((status) => seen.push(status));
    expect(runner.status()).toMatchObject({ state: 'idle', position: 0n, collection: 'tally_v1' });
    runner.start();
    await runner.waitForPosition(100n);
    const behind = seen.filter((status) => status.state === 'catching-up' && status.position > 0n);
    expect(behind.length).toBeGreaterThanOrEqual(9);
    expect(behind[0]).toMatchObject({ position: 10n, head: 100n, lagEvents: 90n, lagSeconds: 90 });
    // #endregion progress
    expect(behind.some((status) => status.eventsPerSecond > 0)).toBe(true);
    const positions = seen.map((status) => status.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await appendAll(store, [{ type: 'Touched', key: 'k1', at: minute(101) }]);
    await runner.waitForPosition(101n);
    expect(runner.status()).toMatchObject({
      state: 'live',
      position: 101n,
      head: 101n,
      lagEvents: 0n,
      lagSeconds: 0,
    });
    await runner.stop();
    expect(seen[seen.length - 1]?.state).toBe('stopped');
    subscription.unsubscribe();
  });

  it('shows a store failure in the status and retries until it works', async () => {
    const store = createInMemoryEventStore({ registry: false });
    const readModels = createInMemoryReadModelStore();
    await appendAll(store, [{ type: 'Touched', key: 'a', at: minute(1) }]);
    let failures = 2;
    const runner = createProjectionRunner({
      projection: tallyProjection(),
      eventStore: store,
      readModels: {
        ...readModels,
        commit: async (commit) => {
          if (failures-- > 0) throw new Error('database unavailable');
          await readModels.commit(commit);
        },
      },
      tickIntervalMs: 0,
      retryDelayMs: 1,
    });
    const states: string[] = [];
    runner.progress$.subscribe((status) =>
      states.push(`${status.state}${status.lastError ? `: ${status.lastError}` : ''}`),
    );
    runner.start();
    await runner.waitForPosition(1n);
    await runner.stop();
    expect(states).toContain('retrying: database unavailable');
    expect(await readModels.get('tally_v1', 'a')).toMatchObject({ count: 1 });
  });
});
