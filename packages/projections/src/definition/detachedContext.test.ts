import type { RecordedEvent } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { detachedContext } from './projectionContext';

const event = {
  type: 'TagAdded',
  data: { tag: 'vip' },
  metadata: { occurredAt: '2026-03-01T10:00:00.000Z', customerId: 'c1' },
} as unknown as RecordedEvent;

describe('a detached context', () => {
  it('runs on the event’s time and ignores what only a runner can do', () => {
    const ctx = detachedContext('c1', event);
    expect(ctx.now.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect([ctx.key, ctx.event]).toEqual(['c1', event]);
    expect(() => {
      ctx.schedule('2026-04-01T00:00:00Z', 'lapse');
      ctx.cancel('lapse');
      ctx.absorb('c2');
      ctx.release('c2', {});
    }).not.toThrow();
    expect(ctx.related('c2')).toBeUndefined();
    expect(ctx.resolve('c2')).toBe('c2');
  });
});
