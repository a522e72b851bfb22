import { readFileSync } from 'node:fs';
import { isIllegalState, isValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore, createSqliteKeyStore } from './index';

const bytesOf = (file: string) =>
  Buffer.concat(
    ['', '-wal'].map((suffix) => {
      try {
        return readFileSync(`${file}${suffix}`);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  );

const subject = (customerId: string) => ({ tenantId: 'default', customerId });

describe('the SQLite key store', () => {
  it('creates a key once, keeps versions through rotation, and shreds for good', async () => {
    const file = tempFile();
    const keys = createSqliteKeyStore({ file });
    const first = await keys.currentKey(subject('c1'));
    expect(await keys.currentKey(subject('c1'))).toEqual(first);
    const second = await keys.rotate(subject('c1'));
    expect(second.version).toBe(2);
    expect(await keys.keyVersion(subject('c1'), 1)).toEqual(first);
    await keys.destroy(subject('c1'));
    expect(await keys.currentKey(subject('c1'))).toBeUndefined();
    expect(await keys.keyVersion(subject('c1'), 1)).toBeUndefined();
    await expect(keys.rotate(subject('c1'))).rejects.toSatisfy(isIllegalState);
    await keys.close();
    const reopened = createSqliteKeyStore({ file });
    expect(await reopened.currentKey(subject('c1'))).toBeUndefined();
    await reopened.close();
  });

  it('leaves no byte of a destroyed key in the database file or its write-ahead log', async () => {
    const file = tempFile();
    // an event store on the same file keeps the log busy, as in use
    const events = createSqliteEventStore({ file, registry: false });
    const keys = createSqliteKeyStore({ file });
    const doomed = await keys.currentKey(subject('doomed'));
    const kept = await keys.currentKey(subject('kept'));
    await events.appendToStream('s', [{ type: 'Noted', data: { n: 1 } }]);
    const material = Buffer.from(doomed!.material);
    expect(bytesOf(file).includes(material)).toBe(true);
    await keys.destroy(subject('doomed'));
    expect(bytesOf(file).includes(material)).toBe(false);
    expect(bytesOf(file).includes(Buffer.from(kept!.material))).toBe(true);
    await keys.close();
    await events.close();
  });

  it("refuses another tenant's subject and a bad customer id", async () => {
    const keys = createSqliteKeyStore({ file: tempFile(), tenantId: 'acme' });
    await expect(keys.currentKey(subject('c1'))).rejects.toSatisfy(isValidationError);
    await expect(keys.currentKey({ tenantId: 'acme', customerId: '' })).rejects.toSatisfy(isValidationError);
    await keys.close();
  });
});
