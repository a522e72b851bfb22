import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh database path in a temporary folder removed after the test file. */
export const tempFile = (name = 'rapport.sqlite'): string => {
  const folder = mkdtempSync(join(tmpdir(), 'rapport-sqlite-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return join(folder, name);
};
