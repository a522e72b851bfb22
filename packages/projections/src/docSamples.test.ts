import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, samplesOf } from '../scripts/docSamples';

describe('docs/projections.md', () => {
  const samples = samplesOf(readFileSync(join(repoRoot, 'docs', 'projections.md'), 'utf8'));

  it('quotes code from files that tests or CI run', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(samples.map((sample) => [`${sample.path}#${sample.region}`, sample] as const))(
    'shows %s as it is in the source (refresh with scripts/docSamples.ts --write)',
    (_, sample) => {
      expect(sample.shown).toBe(sample.source);
    },
  );
});
