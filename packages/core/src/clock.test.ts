import { describe, expect, it } from 'vitest';
import { createFakeClock } from './clock';

describe('the fake clock', () => {
  it('moves only forwards, and only when told', () => {
    const clock = createFakeClock('2026-01-01T00:00:00Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    clock.set('2026-02-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(() => clock.set('2025-01-01T00:00:00Z')).toThrow('backwards');
    expect(() => clock.advance(-1)).toThrow('non-negative');
    expect(() => createFakeClock('yesterday')).toThrow('invalid start');
  });
});
