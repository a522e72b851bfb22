import { createFakeClock } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { createInMemoryReadModelStore } from '../../readModel/inMemoryReadModelStore';
import type { DueTimersOptions } from '../../readModel/readModelStore';
import { traceProjection } from '../../test/fixtures';
import { minute } from '../../test/harness';
import { createEngine } from './engine';
import { runBatch } from './runBatch';

/** Two documents with a timer each due at minute 1, and an engine at position 2 with its watermark at minute 0. */
const setUp = async () => {
  const readModels = createInMemoryReadModelStore({ freeze: true });
  const checkpoint = { position: 2n, watermark: minute(0) };
  await readModels.commit({
    collection: 'trace_v1',
    documents: ['a', 'b'].map((key) => ({ key, document: { log: [] } })),
    timers: ['a', 'b'].map((key) => ({ kind: 'put', timer: { key, name: 'x', at: minute(1) } })),
    aliases: [],
    deadLetters: [],
    checkpoint: { expected: undefined, next: checkpoint },
  });
  const asked: string[] = [];
  const spied = {
    ...readModels,
    dueTimers: (collection: string, options: DueTimersOptions) => {
      asked.push(options.upTo);
      return readModels.dueTimers(collection, options);
    },
  };
  const definition = traceProjection();
  const engine = createEngine(definition, { complete: false, track: true, ...checkpoint });
  const context = {
    definition,
    collection: 'trace_v1',
    readModels: spied,
    engine,
    clock: createFakeClock(minute(1)),
    timerLimit: 1,
    committed: checkpoint,
  };
  return { readModels, context, asked };
};

describe('a live batch', () => {
  it('that stops short of the head loads no timer it could not fire, and reports none left', async () => {
    const { readModels, context, asked } = await setUp();
    const result = await runBatch(context, [], { live: { now: minute(1), head: 3n } });
    expect(result).toMatchObject({ consumed: 0, moreTimers: false, reachedClock: false });
    expect(asked).toEqual([minute(0)]);
    expect(await readModels.listTimers('trace_v1')).toHaveLength(2);
  });

  it('that reaches the head fires what its limit loaded and reports the rest', async () => {
    const { readModels, context } = await setUp();
    const result = await runBatch(context, [], { live: { now: minute(1), head: 2n } });
    expect(result).toMatchObject({ consumed: 0, moreTimers: true, reachedClock: false });
    expect(await readModels.listTimers('trace_v1')).toEqual([{ key: 'b', name: 'x', at: minute(1) }]);
    expect(await readModels.get('trace_v1', 'a')).toEqual({ log: ['t:x@00:01'] });
  });
});
