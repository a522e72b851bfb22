import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInChild } from '../test/children';
import { createSqliteEventStore } from './index';

const folder = mkdtempSync(join(tmpdir(), 'rapport-sqlite-access-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

describe('the database file from other processes', { timeout: 60_000 }, () => {
  it('is migrated once when several processes open a new file at the same moment', async () => {
    const file = join(folder, 'new.sqlite');
    const startAt = Date.now() + 2_000;
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => openInChild(file, { startAt })));
    expect(outcomes).toEqual(Array.from({ length: 4 }, () => ({ opened: true })));
    const store = createSqliteEventStore({ file, registry: false });
    expect(await store.headPosition()).toBe(4n);
    await store.close();
  });

  // root may write any file: the check runs the opener as `nobody`, which can read the file but not write it
  it.runIf(isRoot)('is refused with a typed error naming the file when it cannot be written', async () => {
    const file = join(folder, 'read-only.sqlite');
    const owner = createSqliteEventStore({ file, registry: false });
    await owner.appendToStream('s', [{ type: 'Noted', data: {} }]);
    await owner.close();
    chmodSync(folder, 0o755);
    chmodSync(file, 0o644);
    expect(await openInChild(file, { uid: 65534 })).toMatchObject({
      code: 'Configuration',
      data: { file, reason: 'read-only' },
    });
  });
});
