import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncDocSamples } from '../src/docs/docSamples';
import { repoDocPages, repoRoot } from '../src/docs/repoDocs';

for (const page of repoDocPages()) {
  const path = join(repoRoot, page);
  const before = readFileSync(path, 'utf8');
  const after = syncDocSamples(before, repoRoot);
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`refreshed samples in ${page}`);
  }
}
