import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEventCatalog } from '../../scripts/catalogDocs';
import { touchpointEvents } from './index';

describe('the event catalog page', () => {
  it('is generated from the current schemas (run `pnpm docs:events` after changing an event)', () => {
    const page = readFileSync(new URL('../../../../docs/events.md', import.meta.url), 'utf8');
    expect(page).toBe(renderEventCatalog(touchpointEvents));
  });

  it('lists every event type and marks personal fields', () => {
    const page = renderEventCatalog(touchpointEvents);
    for (const { type } of touchpointEvents) expect(page).toContain(`### ${type}\n`);
    expect(page).toContain('| `emails[].address` | email | yes | yes |');
    expect(page).toMatch(/\| `total` \| integer 0\.\.9007199254740991 \| yes \| {2}\|/);
  });
});
