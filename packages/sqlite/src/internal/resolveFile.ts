import { maxTimerMs, type OptionReader } from '@rapport/core';

/** Reads the options every SQLite store shares: the file and the busy timeout. */
export const resolveFile = (read: OptionReader) => ({
  file: read.string('file', '', /^[^\0]+$/, 'a path to the database file (a non-empty string)'),
  busyTimeoutMs: read.integer('busyTimeoutMs', 5_000, { min: 0, max: maxTimerMs }),
});
