import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isRapportError } from '../errors/rapportError';
import { defineEvent } from './defineEvent';
import { createEventRegistry } from './eventRegistry';
import { defineUpcaster } from './upcaster';

// #region upcasting
const v3 = defineEvent({
  type: 'NameGiven',
  family: 'test',
  version: 3,
  description: 'v3',
  schema: z.strictObject({ full: z.string(), source: z.string() }),
});
const from1 = defineUpcaster({
  type: 'NameGiven',
  fromVersion: 1,
  schema: z.strictObject({ n: z.string() }),
  up: (d) => ({ full: d.n }),
});
const from2 = defineUpcaster({
  type: 'NameGiven',
  fromVersion: 2,
  schema: z.strictObject({ full: z.string() }),
  up: (d) => ({ ...d, source: 'unknown' }),
});
// #endregion upcasting

const configError = (build: () => unknown) => {
  try {
    build();
  } catch (error) {
    return isRapportError(error, 'Configuration') ? error.message : `wrong error ${String(error)}`;
  }
  return 'no error';
};

describe('the event registry', () => {
  it('lifts an event through every step of its upcaster chain', () => {
    const registry = createEventRegistry([v3], { upcasters: [from2, from1] });
    const stored = {
      id: 'x',
      type: 'NameGiven',
      data: { n: 'Ada' },
      streamId: 's',
      streamPosition: 0n,
      globalPosition: 1n,
      metadata: { occurredAt: '', recordedAt: '', tenantId: 't', schemaVersion: 1 },
    };
    const lifted = registry.upcast(stored);
    expect(lifted.data).toEqual({ full: 'Ada', source: 'unknown' });
    expect(lifted.metadata.schemaVersion).toBe(3);
    expect(stored.data).toEqual({ n: 'Ada' });
  });

  it('passes unknown types and current versions through untouched', () => {
    const registry = createEventRegistry([v3], { upcasters: [from1, from2] });
    const unknown = {
      id: 'x',
      type: 'FromTheFuture',
      data: { a: 1 },
      streamId: 's',
      streamPosition: 0n,
      globalPosition: 1n,
      metadata: { occurredAt: '', recordedAt: '', tenantId: 't', schemaVersion: 9 },
    };
    expect(registry.upcast(unknown)).toBe(unknown);
    expect(registry.validate('FromTheFuture', {})).toMatchObject({
      success: false,
      issues: [{ path: 'type' }],
    });
  });

  it('validates history imported at an old version against that version', () => {
    const registry = createEventRegistry([v3], { upcasters: [from1, from2] });
    expect(registry.validate('NameGiven', { n: 'Ada' }, 1).success).toBe(true);
    expect(registry.validate('NameGiven', { full: 'Ada' }, 1).success).toBe(false);
    expect(registry.validate('NameGiven', { n: 'Ada' }, 7)).toMatchObject({
      success: false,
      issues: [{ path: 'metadata.schemaVersion' }],
    });
  });

  it('refuses a broken configuration with a message that says what is wrong', () => {
    expect(configError(() => createEventRegistry([v3, v3]))).toContain('registered twice');
    expect(configError(() => createEventRegistry([v3], { upcasters: [from1] }))).toContain('no step from v2');
    expect(configError(() => createEventRegistry([v3], { upcasters: [from1, from1, from2] }))).toContain(
      'two upcasters',
    );
    expect(configError(() => createEventRegistry([], { upcasters: [from1] }))).toContain(
      'unknown event type',
    );
    expect(() =>
      defineEvent({ type: 'not pascal', family: 'x', version: 1, description: '', schema: z.string() }),
    ).toThrow('PascalCase');
  });
});
