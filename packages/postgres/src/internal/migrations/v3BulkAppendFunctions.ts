import { bulkAppendSql } from './bulkAppendSql';
import type { Migration } from './migration';

/**
 * Bulk appends. `prepare_append_to_streams` takes the locks, checks every expected revision and idempotency key
 * in call order and allocates the positions (through `allocate_positions`, so the ordering invariant of
 * v2AppendFunctions holds); it writes nothing. `append_to_streams` then inserts from column arrays in the same
 * call, while large batches are streamed by the client with COPY in the same transaction instead.
 */
export const v3BulkAppendFunctions: Migration = {
  version: 3,
  name: 'bulk append functions',
  sql: ({ quoted: s, name }) => bulkAppendSql(s, name, { suffix: '', stopAtRepeats: false }),
};
