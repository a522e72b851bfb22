import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docSamples } from './docSamples';
import { repoDocPages, repoRoot } from './repoDocs';

describe.each(repoDocPages().map((page) => [page] as const))('%s', (page) => {
  const samples = docSamples(readFileSync(join(repoRoot, page), 'utf8'), repoRoot);
  it.each(samples.map((sample) => [`${sample.path}#${sample.region}`, sample] as const))(
    'shows %s as it is in the source (refresh with pnpm docs:samples)',
    (_, sample) => {
      expect(sample.shown).toBe(sample.source);
    },
  );
  it('quotes only regions that exist', () => {
    expect(() => docSamples(readFileSync(join(repoRoot, page), 'utf8'), repoRoot)).not.toThrow();
  });
});

describe('the docs', () => {
  it('quote code from files that tests or CI run', () => {
    const quoted = repoDocPages().flatMap((page) =>
      docSamples(readFileSync(join(repoRoot, page), 'utf8'), repoRoot),
    );
    expect(quoted.length).toBeGreaterThanOrEqual(10);
  });
});
