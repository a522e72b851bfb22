import { bulkAppendSql } from './bulkAppendSql';
import type { Migration } from './migration';

/**
 * Bulk appends that write nothing when an append repeats an idempotency key. The v3 functions wrote the other
 * streams and skipped the repeat, so a key repeated with other events could not be refused without the rest of the
 * call already written. These take the same locks and make the same checks in call order, but when some append's
 * key was used on its stream they return the earlier appends' positions (and the first conflict, if any) without
 * allocating or inserting anything: the client compares the repeated events with the recorded ones, refuses the
 * call if they differ, and otherwise calls again without the repeats. The v3 functions stay, so a client of the
 * previous release keeps appending to a migrated schema.
 */
export const v11CheckedBulkAppends: Migration = {
  version: 11,
  name: 'bulk appends that stop at a repeated key',
  sql: ({ quoted: s, name }) => bulkAppendSql(s, name, { suffix: '_checked', stopAtRepeats: true }),
};
