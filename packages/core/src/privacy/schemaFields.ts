import type { z } from 'zod';
import { type PersonalDataCategory, personalCategory } from '../schema/personal';

/** What a leaf of a schema holds: a free `string` (any text, formats and patterns included) or a fixed vocabulary. */
export type SchemaFieldKind = 'string' | 'enum' | 'literal' | 'number' | 'boolean' | 'null' | 'bigint';

/** One leaf value a schema admits, at a path such as `emails[].address`, and whether it is personal. */
export interface SchemaField {
  /** Dotted path from the root; `[]` for any element of an array, `{}` for any value of a record, `{key}` for its keys. */
  readonly path: string;
  readonly kind: SchemaFieldKind;
  /** The category of the nearest `personal()` mark at or above this leaf; undefined when it is kept in clear. */
  readonly category?: PersonalDataCategory;
  /** The path where that mark sits: the leaf itself, or the container (object, array, union) that was marked. */
  readonly markedAt?: string;
}

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly options?: readonly z.ZodType[];
  readonly items?: readonly z.ZodType[];
  readonly rest?: z.ZodType | null;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'prefault', 'nonoptional']);
const LEAVES = new Set<string>(['string', 'enum', 'literal', 'number', 'boolean', 'null', 'bigint']);

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/**
 * Every leaf of `schema` with its path and personal-data mark, in schema order, each path and kind once. Throws on a
 * schema shape it does not know (lazy, pipe, intersection, any…), so no field can escape classification unseen.
 */
export const schemaFields = (schema: z.ZodType): readonly SchemaField[] => {
  const out = new Map<string, SchemaField>();
  const walk = (
    node: z.ZodType,
    path: string,
    mark?: { category: PersonalDataCategory; at: string },
  ): void => {
    const category = personalCategory(node);
    const current = mark ?? (category === undefined ? undefined : { category, at: path });
    const def = defOf(node);
    if (WRAPPERS.has(def.type) && def.innerType) {
      walk(def.innerType, path, current);
      return;
    }
    if (LEAVES.has(def.type)) {
      const kind = def.type as SchemaFieldKind;
      const field: SchemaField = current
        ? { path, kind, category: current.category, markedAt: current.at }
        : { path, kind };
      const seen = out.get(`${path} ${kind}`);
      // a path two union options declare differently is reported once per kind, the clear one winning
      if (seen === undefined || field.category === undefined) out.set(`${path} ${kind}`, field);
      return;
    }
    switch (def.type) {
      case 'object':
        for (const [key, field] of Object.entries(def.shape ?? {})) walk(field, join(path, key), current);
        return;
      case 'array':
        walk(def.element!, `${path}[]`, current);
        return;
      case 'tuple':
        for (const [i, item] of (def.items ?? []).entries()) walk(item, `${path}[${i}]`, current);
        if (def.rest) walk(def.rest, `${path}[]`, current);
        return;
      case 'record':
        walk(def.keyType!, `${path}{key}`, current);
        walk(def.valueType!, `${path}{}`, current);
        return;
      case 'union':
        for (const option of def.options ?? []) walk(option, path, current);
        return;
      default:
        throw new Error(
          `${path || '(root)'}: cannot classify a ${def.type} schema; schemaFields knows wrappers, objects, arrays, tuples, records, unions and scalars`,
        );
    }
  };
  walk(schema, '');
  return [...out.values()];
};
