import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErasureCoverage, withErasureCoverage } from '../../scripts/erasureDocs';
import { touchpointEvents } from './index';

const page = () => readFileSync(new URL('../../../../docs/security.md', import.meta.url), 'utf8');

describe('the erasure coverage in docs/security.md', () => {
  it('is generated from the current schemas and reasons (run `pnpm docs:events` after changing an event)', () => {
    expect(page()).toBe(withErasureCoverage(page(), touchpointEvents));
  });

  it('states for every field of every event type whether forgetting erases it', () => {
    const coverage = renderErasureCoverage(touchpointEvents);
    for (const { type } of touchpointEvents) expect(coverage).toContain(`#### ${type}\n`);
    expect(coverage).toContain('| `description` | **erased** (free text or a user-defined value) |');
    expect(coverage).toContain('| `tag` | **erased** (free text or a user-defined value) |');
    expect(coverage).toMatch(/\| `key` \| kept: the attribute's name/);
    expect(coverage).toContain('`severity`');
    expect(coverage).not.toContain('NOT CLASSIFIED');
  });
});
