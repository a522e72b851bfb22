import type { RecordedEvent } from '@rapport/core';
import Database from 'better-sqlite3';
import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { exited, progressed, startAppender } from '../test/children';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore } from './index';

interface Tag {
  readonly writer: string;
  readonly batch: number;
  readonly index: number;
  readonly size: number;
}

const tagOf = (event: RecordedEvent) => event.data as Tag;

describe('several processes on one file', { timeout: 60_000 }, () => {
  it('two appending at once lose and duplicate nothing, as a third subscribed live sees it', async () => {
    const file = tempFile();
    const batches = 150;
    const size = 10;
    const watcher = createSqliteEventStore({ file, registry: false, pollIntervalMs: 10 });
    const seen = firstValueFrom(watcher.subscribeToAll().pipe(take(2 * batches * size), toArray()));
    // both start writing at one moment, well after their start-up
    const startAt = Date.now() + 2_000;
    const children = ['a', 'b'].map((writer) => startAppender(file, writer, batches, size, startAt));
    expect(await Promise.all(children.map(exited))).toEqual([0, 0]);
    const events = await seen;
    const positions = events.map((event) => event.globalPosition);
    expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : 1)));
    expect(new Set(positions).size).toBe(events.length);
    const tags = new Set(events.map((event) => JSON.stringify(tagOf(event))));
    for (const writer of ['a', 'b'])
      for (let batch = 0; batch < batches; batch++)
        for (let index = 0; index < size; index++)
          expect(tags.has(JSON.stringify({ writer, batch, index, size }))).toBe(true);
    // how the two interleave is SQLite's busy handler's choice (it is not fair), so it is not asserted
    expect(await watcher.headPosition()).toBe(BigInt(2 * batches * size));
    await watcher.close();
  });

  it('processes killed with SIGKILL mid-batch leave whole batches, gapless streams and a sound file', async () => {
    const file = tempFile();
    // batches big enough (milliseconds to write) that a kill at a random moment lands inside one, five times over
    const size = 3_000;
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const child = startAppender(file, `k${round}`, 0, size);
      await progressed(child, 2);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      child.kill('SIGKILL');
      await exited(child);
    }
    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = createSqliteEventStore({ file, registry: false });
    const { events } = await store.readAll({ maxCount: 100_000 });
    const perBatch = new Map<string, number>();
    for (const event of events) {
      const { writer, batch } = tagOf(event);
      perBatch.set(`${writer}/${batch}`, (perBatch.get(`${writer}/${batch}`) ?? 0) + 1);
    }
    expect([...perBatch].filter(([, count]) => count !== size)).toEqual([]);
    expect(perBatch.size).toBeGreaterThanOrEqual(2 * rounds);
    for (let round = 0; round < rounds; round++) {
      for (const lane of [0, 1, 2]) {
        const stream = await store.readStream(`k${round}-${lane}`);
        expect(stream.events.map((event) => event.streamPosition)).toEqual(
          stream.events.map((_, index) => BigInt(index)),
        );
      }
    }
    const revision = (await store.readStream('k0-0')).revision!;
    await store.appendToStream('k0-0', [{ type: 'Appended', data: {} }], { expectedRevision: revision });
    await store.close();
  });
});
