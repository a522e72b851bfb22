import { writeFileSync } from 'node:fs';
import { isRapportError } from '@rapport/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore } from './index';
import { schemaVersion } from './internal/migrations';

const refusal = (open: () => unknown) => {
  try {
    open();
  } catch (error) {
    if (isRapportError(error)) return { code: error.code, message: error.message, data: error.data };
    throw error;
  }
  throw new Error('expected the store to refuse the file');
};

describe('the database file', () => {
  it('is created, migrated and reopened with its events', async () => {
    const file = tempFile();
    const first = createSqliteEventStore({ file, registry: false });
    await first.appendToStream('s-1', [{ type: 'Noted', data: { n: 1 } }]);
    await first.close();
    const again = createSqliteEventStore({ file, registry: false });
    expect((await again.readStream('s-1')).events.map((event) => event.data)).toEqual([{ n: 1 }]);
    await again.close();
  });

  it('is refused with a Configuration error when it is not an SQLite database', () => {
    const file = tempFile();
    writeFileSync(file, 'name,email\nGrace,grace@example.com\n'.repeat(200));
    expect(refusal(() => createSqliteEventStore({ file }))).toMatchObject({
      code: 'Configuration',
      data: { file, reason: 'not-a-database' },
    });
  });

  it('is refused when a newer version of the library wrote it, and left as it was', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${schemaVersion + 1}`);
    raw.close();
    const error = refusal(() => createSqliteEventStore({ file }));
    expect(error).toMatchObject({ code: 'Configuration', data: { file, reason: 'newer-schema' } });
    expect(error.message).toContain(`schema version ${schemaVersion + 1}`);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(schemaVersion + 1);
    after.close();
  });

  it('must be named: bad options get a Configuration error naming the option', () => {
    expect(refusal(() => createSqliteEventStore({} as never))).toMatchObject({ code: 'Configuration' });
    expect(refusal(() => createSqliteEventStore({ file: 42 } as never)).message).toContain('file');
    expect(refusal(() => createSqliteEventStore({ file: tempFile(), pollIntervalMs: 0 })).message).toContain(
      'pollIntervalMs',
    );
  });

  it('refuses operations once closed', async () => {
    const store = createSqliteEventStore({ file: tempFile(), registry: false });
    await store.close();
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'StoreUnavailable' });
  });
});
