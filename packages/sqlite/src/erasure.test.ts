import { readFileSync } from 'node:fs';
import { erasureContract } from '@rapport/testing/vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore, createSqliteKeyStore } from './index';

// the scan reads the bytes of the database file and of its write-ahead log, not what SQL shows
const bytesOf = (file: string) =>
  ['', '-wal']
    .map((suffix) => {
      try {
        return readFileSync(`${file}${suffix}`).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('\n');

erasureContract('sqlite', {
  create: async () => {
    const file = tempFile(`erasure-${Math.random().toString(36).slice(2)}.sqlite`);
    const store = createSqliteEventStore({ file, registry: false });
    const keyStore = createSqliteKeyStore({ file });
    return {
      store,
      keyStore,
      dump: async () => bytesOf(file),
      teardown: async () => {
        await keyStore.close();
        await store.close();
      },
    };
  },
});
