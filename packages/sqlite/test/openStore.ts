// Opens an event store on a file and prints how that went, as one JSON line: what `storeFile.test.ts` runs as
// another user (a read-only file) and in several processes at once (a new file). Arguments: the file, the ms to
// start at.
import { isRapportError } from '@rapport/core';
import { createSqliteEventStore } from '../src/index';

const [file, startAt = '0'] = process.argv.slice(2) as [string, string];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const store = createSqliteEventStore({ file, registry: false, busyTimeoutMs: 20_000 });
  await store.appendToStream(`opener-${process.pid}`, [{ type: 'Opened', data: {} }]);
  await store.close();
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
} catch (error) {
  if (!isRapportError(error)) throw error;
  process.stdout.write(`${JSON.stringify({ code: error.code, data: error.data, message: error.message })}\n`);
}
