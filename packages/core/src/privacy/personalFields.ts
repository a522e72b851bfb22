import { z } from 'zod';
import { RapportError } from '../errors/rapportError';
import { isPersonal } from '../schema/personal';

/** Rewrites every personal value inside a data object with `f`, returning a new object; other values are shared. */
export type PersonalRewrite = (data: unknown, f: (value: unknown) => unknown) => unknown;

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly rest?: z.ZodType | null;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'prefault', 'nonoptional']);
// the values an option's discriminator admits: a literal's values, an enum's entries, through wrappers
const discriminatorValues = (option: z.ZodType, key: string): readonly unknown[] => {
  let field = defOf(option).shape?.[key];
  while (field !== undefined && WRAPPERS.has(defOf(field).type)) field = defOf(field).innerType;
  if (field === undefined) return [];
  const def = defOf(field);
  return def.values ?? (def.entries === undefined ? [] : Object.values(def.entries));
};

const cache = new WeakMap<z.ZodType, PersonalRewrite | null>();

/**
 * Compiles a schema into a rewrite of its personal values (marked with `personal()`), or undefined when the schema
 * holds none, so events without personal data cost nothing. Marks are honoured on wrappers, objects, arrays, tuples,
 * record values and unions; a record whose keys are marked is refused, since a key cannot be erased in place.
 */
export const personalRewrite = (schema: z.ZodType): PersonalRewrite | undefined => {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  const compiled = compile(schema);
  cache.set(schema, compiled ?? null);
  return compiled;
};

const compile = (schema: z.ZodType): PersonalRewrite | undefined => {
  if (isPersonal(schema)) return (value, f) => (value === undefined || value === null ? value : f(value));
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) {
    const inner = personalRewrite(def.innerType);
    return inner && ((value, f) => (value === undefined || value === null ? value : inner(value, f)));
  }
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape ?? {})
        .map(([key, field]) => [key, personalRewrite(field)] as const)
        .filter((entry): entry is readonly [string, PersonalRewrite] => entry[1] !== undefined);
      if (fields.length === 0) return undefined;
      return (value, f) => {
        if (value === null || typeof value !== 'object') return value;
        const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
        for (const [key, rewrite] of fields) if (key in out) out[key] = rewrite(out[key], f);
        return out;
      };
    }
    case 'array': {
      const element = def.element && personalRewrite(def.element);
      return (
        element && ((value, f) => (Array.isArray(value) ? value.map((item) => element(item, f)) : value))
      );
    }
    case 'tuple': {
      const items = (def.items ?? []).map((item) => personalRewrite(item));
      const rest = def.rest ? personalRewrite(def.rest) : undefined;
      if (rest === undefined && items.every((item) => item === undefined)) return undefined;
      return (value, f) =>
        Array.isArray(value)
          ? value.map((item, i) => {
              const rewrite = i < items.length ? items[i] : rest;
              return rewrite ? rewrite(item, f) : item;
            })
          : value;
    }
    case 'record': {
      if (def.keyType && personalRewrite(def.keyType) !== undefined) {
        throw new RapportError(
          'Configuration',
          'personal data cannot be the key of a record: keys stay in clear and erased keys would collide; keep the value personal and key it by an id',
        );
      }
      const entry = def.valueType && personalRewrite(def.valueType);
      return (
        entry &&
        ((value, f) =>
          value === null || typeof value !== 'object' || Array.isArray(value)
            ? value
            : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, entry(item, f)])))
      );
    }
    case 'union': {
      const options = (def.options ?? []).map((option) => ({ option, rewrite: personalRewrite(option) }));
      if (options.every((o) => o.rewrite === undefined)) return undefined;
      const key = def.discriminator;
      if (key !== undefined) {
        const byValue = options.map(({ option, rewrite }) => ({
          values: discriminatorValues(option, key),
          rewrite,
        }));
        return (value, f) => {
          if (value === null || typeof value !== 'object') return value;
          const tag = (value as Record<string, unknown>)[key];
          const match = byValue.find(({ values }) => values.includes(tag));
          return match?.rewrite ? match.rewrite(value, f) : value;
        };
      }
      // A plain union picks its option as zod does, the first that accepts the value, but judged on everything
      // except the personal values themselves: those are plain before sealing and ciphertext (or [erased]) after,
      // so a parse of the whole value would pick another option, or none, on the way back.
      const shapes = options.map(({ option, rewrite }) => ({ shape: sealedShape(option), rewrite }));
      return (value, f) => {
        const match = shapes.find(({ shape }) => shape.safeParse(value).success);
        return match?.rewrite ? match.rewrite(value, f) : value;
      };
    }
    default:
      if (holdsMark(schema)) {
        throw new RapportError(
          'Configuration',
          `personal data inside a ${def.type} schema cannot be found to be sealed; mark the whole ${def.type} personal, or use objects, arrays, tuples, records and unions around the marked fields`,
        );
      }
      return undefined;
  }
};

/** Whether a mark sits anywhere in `schema`, through any kind of schema (pipes, lazies, intersections too). */
const holdsMark = (schema: z.ZodType, seen = new Set<z.ZodType>()): boolean => {
  if (seen.has(schema)) return false;
  seen.add(schema);
  if (isPersonal(schema)) return true;
  const def = defOf(schema) as unknown as Record<string, unknown> & { getter?: () => z.ZodType };
  const children: unknown[] = Object.values(def);
  if (def.type === 'lazy' && def.getter) children.push(def.getter());
  const isSchema = (v: unknown): v is z.ZodType => typeof v === 'object' && v !== null && '_zod' in v;
  return children.some((child) =>
    isSchema(child)
      ? holdsMark(child, seen)
      : Array.isArray(child)
        ? child.some((c) => isSchema(c) && holdsMark(c, seen))
        : typeof child === 'object' &&
          child !== null &&
          Object.values(child).some((c) => isSchema(c) && holdsMark(c, seen)),
  );
};

const sealedCache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * `schema` with every personal value replaced by "present or absent as before": what a plain union's option must
 * accept of a value whatever state its personal values are in (plain, ciphertext, erased).
 */
const sealedShape = (schema: z.ZodType): z.ZodType => {
  const cached = sealedCache.get(schema);
  if (cached !== undefined) return cached;
  const shaped = reshape(schema);
  sealedCache.set(schema, shaped);
  return shaped;
};

const reshape = (schema: z.ZodType): z.ZodType => {
  if (isPersonal(schema)) {
    const mayBeAbsent = schema.safeParse(undefined).success;
    return mayBeAbsent ? z.unknown() : z.unknown().refine((value) => value !== undefined);
  }
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) {
    const inner = sealedShape(def.innerType);
    return def.type === 'nullable' ? inner.nullable() : def.type === 'readonly' ? inner : inner.optional();
  }
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape ?? {}).map(([k, field]) => [k, sealedShape(field)]),
      );
      const catchall = (def as { catchall?: z.ZodType }).catchall;
      const object = z.object(shape);
      return catchall === undefined ? object : object.catchall(catchall);
    }
    case 'array':
      return z.array(sealedShape(def.element!));
    case 'tuple': {
      const items = (def.items ?? []).map(sealedShape) as [z.ZodType, ...z.ZodType[]];
      return def.rest ? z.tuple(items, sealedShape(def.rest)) : z.tuple(items);
    }
    case 'record':
      return z.record(def.keyType as z.ZodString, sealedShape(def.valueType!));
    case 'union':
      return z.union((def.options ?? []).map(sealedShape) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    default:
      return schema;
  }
};
