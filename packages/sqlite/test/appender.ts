// A process appending to a shared SQLite file, for the multi-process tests. Arguments: the file, a writer name, and
// how many batches to append (0: until killed), the batch size and, optionally, the wall-clock ms to start at. Each batch is one `appendToStreams` call of `batch` events over
// three streams, tagged with the writer, the batch and the event's index in it; "progress" is printed after each.
import { createSqliteEventStore } from '../src/index';

const [file, writer, batches, size, startAt = '0'] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const store = createSqliteEventStore({ file, registry: false, busyTimeoutMs: 20_000 });
const perBatch = Number(size);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
for (let batch = 0; Number(batches) === 0 || batch < Number(batches); batch++) {
  const events = Array.from({ length: perBatch }, (_, index) => ({
    type: 'Appended',
    data: { writer, batch, index, size: perBatch },
  }));
  const streams = [0, 1, 2].map((lane) => ({
    streamId: `${writer}-${lane}`,
    events: events.filter((_, index) => index % 3 === lane),
  }));
  await store.appendToStreams(streams.filter((stream) => stream.events.length > 0));
  process.stdout.write(`progress ${batch}\n`);
}
await store.close();
