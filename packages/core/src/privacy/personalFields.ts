import type { z } from 'zod';
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
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const discriminatorValues = (option: z.ZodType, key: string): readonly unknown[] => {
  const field = defOf(option).shape?.[key];
  return field === undefined ? [] : (defOf(field).values ?? []);
};
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'prefault', 'nonoptional']);

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
      return (value, f) => {
        // pick the option this value belongs to; for discriminated unions by the discriminator, else by a parse
        const match = options.find(({ option }) =>
          key !== undefined && value !== null && typeof value === 'object'
            ? discriminatorValues(option, key).includes((value as Record<string, unknown>)[key])
            : option.safeParse(value).success,
        );
        return match?.rewrite ? match.rewrite(value, f) : value;
      };
    }
    default:
      return undefined;
  }
};
