import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { personal } from '../schema/personal';
import { schemaFields } from './schemaFields';

describe('listing the leaves of a schema', () => {
  it('names every leaf by path, with the nearest personal mark above it', () => {
    const schema = z.strictObject({
      id: z.string(),
      kind: z.enum(['a', 'b']),
      people: z.array(z.strictObject({ name: personal(z.string(), 'identifier').optional() })),
      notes: z.record(z.string(), personal(z.string(), 'free-text')),
      pair: z.tuple([z.number(), z.literal('x')]),
      value: personal(z.union([z.string(), z.number()]), 'free-text').nullable(),
    });
    expect(schemaFields(schema)).toEqual([
      { path: 'id', kind: 'string' },
      { path: 'kind', kind: 'enum' },
      { path: 'people[].name', kind: 'string', category: 'identifier', markedAt: 'people[].name' },
      { path: 'notes{key}', kind: 'string' },
      { path: 'notes{}', kind: 'string', category: 'free-text', markedAt: 'notes{}' },
      { path: 'pair[0]', kind: 'number' },
      { path: 'pair[1]', kind: 'literal' },
      { path: 'value', kind: 'string', category: 'free-text', markedAt: 'value' },
      { path: 'value', kind: 'number', category: 'free-text', markedAt: 'value' },
    ]);
  });

  it('reports a field that one union option marks and another does not as clear', () => {
    const schema = z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('a'), text: personal(z.string()) }),
      z.strictObject({ kind: z.literal('b'), text: z.string() }),
    ]);
    expect(schemaFields(schema).find((f) => f.path === 'text')).toEqual({ path: 'text', kind: 'string' });
  });

  it('refuses a shape it cannot see into, naming where it is', () => {
    const schema = z.strictObject({ deep: z.strictObject({ later: z.lazy(() => z.string()) }) });
    expect(() => schemaFields(schema)).toThrow('deep.later: cannot classify a lazy schema');
  });
});
