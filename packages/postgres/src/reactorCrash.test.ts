import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutboxEntry } from '@rapport/projections';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, randomSchema } from '../test/support';
import { createPostgresEventStore, createPostgresReadModelStore } from './index';

const child = fileURLToPath(new URL('../test/reactorChild.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const schema = randomSchema('reactorcrash');
const pool = new pg.Pool({ connectionString: pgUrl, max: 4 });
const dir = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
afterAll(async () => {
  await pool.end();
  await dropSchema(schema);
  rmSync(dir, { recursive: true, force: true });
});

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the reactor-and-dispatcher process; resolves once it says it is ready. */
const startChild = async (sentFile: string): Promise<ChildProcess> => {
  const proc = spawn(
    process.execPath,
    ['--conditions=@rapport/source', '--import', 'tsx', child, schema, sentFile],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`the child exited with ${code} before it was ready`)));
  });
  return proc;
};

const kill = async (proc: ChildProcess) => {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
};

const everyEntry = async (readModels: ReturnType<typeof createPostgresReadModelStore>) => {
  const out: OutboxEntry[] = [];
  let after: string | undefined;
  do {
    const page = await readModels.outbox.list({ limit: 500, ...(after === undefined ? {} : { after }) });
    out.push(...page.entries);
    after = page.next;
  } while (after !== undefined);
  return out;
};

describe('a reactor and its dispatcher in a process killed with SIGKILL at random moments, five times', () => {
  it('take every command effect once and hand every message over with its id, and leave nothing pending', {
    timeout: 90_000,
  }, async () => {
    const eventStore = createPostgresEventStore({ pool, schema, registry: false });
    const readModels = createPostgresReadModelStore({ pool, schema });
    await eventStore.migrate();
    await readModels.migrate();
    const sentFile = join(dir, 'sent.txt');
    let appended = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 15; i++, appended++) {
        const key = `k${appended % 10}`;
        await eventStore.appendToStream(`doc-${key}`, [
          {
            type: 'Touched',
            data: {},
            metadata: { customerId: key, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, appended)) },
          },
        ]);
      }
      const before = lines(sentFile).length;
      const proc = await startChild(sentFile);
      // killed mid-dispatch: once it has handed over a message of this round, a few milliseconds into the next ones
      for (let i = 0; i < 500 && lines(sentFile).length === before; i++) await sleep(10);
      await sleep(Math.floor(Math.random() * 40));
      await kill(proc);
    }
    const last = await startChild(sentFile);
    const head = await eventStore.headPosition();
    try {
      for (let i = 0; ; i++) {
        expect(i, 'the last process finishes within 40 s').toBeLessThan(400);
        const checkpoint = await readModels.readCheckpoint('credit_v1');
        const pending = await readModels.outbox.list({ status: 'pending', limit: 1 });
        if (checkpoint !== undefined && checkpoint.position >= head && pending.entries.length === 0) break;
        await sleep(100);
      }
    } finally {
      await kill(last);
    }

    const entries = await everyEntry(readModels);
    expect(entries).toHaveLength(2 * appended);
    expect(entries.filter((entry) => entry.status !== 'sent')).toEqual([]);
    const credited = new Map<string, number>();
    for (let after = 0n; ; ) {
      const page = await eventStore.readAll({ after, maxCount: 1000 });
      for (const event of page.events) {
        const key = event.metadata.idempotencyKey;
        if (event.type === 'Credited' && key !== undefined) credited.set(key, (credited.get(key) ?? 0) + 1);
      }
      after = page.lastPosition;
      if (page.isEnd) break;
    }
    const commands = entries.filter((entry) => entry.kind === 'command').map((entry) => entry.id);
    expect([...credited].sort()).toEqual(commands.map((id) => [id, 1]).sort());
    const handed = lines(sentFile);
    const messages = entries.filter((entry) => entry.kind === 'message').map((entry) => entry.id);
    expect([...new Set(handed)].sort()).toEqual([...messages].sort());
    await eventStore.close();
  });
});
