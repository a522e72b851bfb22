import type { EventStore } from '@rapport/core';
import { type AnyProjection, createProjectionRunner, type ReadModelStore } from '@rapport/projections';

/** Runs a projection or reactor from the start of the log to its head. */
export const runToHead = async <TState>(
  projection: AnyProjection<TState>,
  store: EventStore,
  readModels: ReadModelStore,
  head: bigint,
) => {
  const runner = createProjectionRunner({
    projection,
    eventStore: store,
    readModels,
    batchSize: 10_000,
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(head);
  await runner.stop();
};
