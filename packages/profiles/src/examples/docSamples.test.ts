import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guidePath, guidePaths, samplesOf } from '../../scripts/docSamples';

describe('docs/profiles.md', () => {
  const samples = samplesOf(readFileSync(guidePath, 'utf8'));

  it('quotes code samples from files that tests run', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(samples.map((sample) => [`${sample.path}#${sample.region}`, sample] as const))(
    'shows %s exactly as the source has it',
    (_, sample) => {
      expect(sample.shown).toBe(sample.source);
    },
  );
});

describe('docs/identity.md', () => {
  const samples = samplesOf(readFileSync(guidePaths[1]!, 'utf8'));

  it('quotes code samples from files that tests run', () => {
    expect(samples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(samples.map((sample) => [`${sample.path}#${sample.region}`, sample] as const))(
    'shows %s exactly as the source has it',
    (_, sample) => {
      expect(sample.shown).toBe(sample.source);
    },
  );
});
