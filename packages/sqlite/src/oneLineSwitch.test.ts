import { describe, expect, it } from 'vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteEventStore, createSqliteKeyStore, createSqliteReadModelStore } from './index';

describe('switching to SQLite', () => {
  it('is one line per store, and what is recorded stays in the file for the next process', async () => {
    const file = tempFile('crm.sqlite');
    // #region switch
    const eventStore = createSqliteEventStore({ file }); // was createInMemoryEventStore()
    const readModels = createSqliteReadModelStore({ file }); // was createInMemoryReadModelStore()
    const keyStore = createSqliteKeyStore({ file }); // was createInMemoryKeyStore()
    // #endregion switch
    const importer = createSqliteEventStore({ file, registry: false });
    await importer.appendToStream('notes-1', [{ type: 'Noted', data: {} }]);
    await readModels.put('notes', 'a', { seen: true });
    const key = await keyStore.currentKey({ tenantId: 'default', customerId: 'c1' });
    expect(await eventStore.headPosition()).toBe(1n);
    await Promise.all([eventStore.close(), readModels.close(), keyStore.close(), importer.close()]);
    const [events, documents, keys] = [
      createSqliteEventStore({ file }),
      createSqliteReadModelStore({ file }),
      createSqliteKeyStore({ file }),
    ];
    expect(await events.headPosition()).toBe(1n);
    expect(await documents.get('notes', 'a')).toEqual({ seen: true });
    expect(await keys.currentKey({ tenantId: 'default', customerId: 'c1' })).toEqual(key);
    await Promise.all([events.close(), documents.close(), keys.close()]);
  });
});
