import fc from 'fast-check';
import type { z } from 'zod';
import { hostileKeys } from './hostile';

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: RegExp;
}

interface SchemaDef {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
const checksOf = (def: SchemaDef): CheckDef[] => (def.checks ?? []).map((check) => check._zod.def);

const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2035, 11, 31);
const isoTime = fc.integer({ min: MIN_TIME, max: MAX_TIME }).map((ms) => new Date(ms).toISOString());

const stringArbitrary = (def: SchemaDef): fc.Arbitrary<string> => {
  const checks = checksOf(def);
  let min = 0;
  let max = 40;
  let pattern: RegExp | undefined;
  for (const check of checks) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum ?? 0);
    if (check.check === 'max_length') max = Math.min(max, check.maximum ?? max);
    if (check.check === 'string_format' && check.format === 'regex') pattern = check.pattern;
  }
  if (max < min) max = min;
  switch (def.format) {
    case 'email':
      return fc
        .tuple(
          fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
          fc.constantFrom('example.com', 'mail.test', 'corp.example.org'),
        )
        .map(([user, host]) => `${user}@${host}`);
    case 'datetime':
      return isoTime;
    case 'date':
      return isoTime.map((iso) => iso.slice(0, 10));
    case 'url':
      return fc.webUrl({ withQueryParameters: false, withFragments: false });
    case 'uuid':
      return fc.uuid({ version: 7 });
    default:
  }
  // any free string may end up a key of some read model, so the names a plain object answers to come up too
  const hostile = { weight: 1, arbitrary: fc.constantFrom(...hostileKeys) };
  if (pattern)
    return fc
      .oneof({ weight: 6, arbitrary: fc.stringMatching(pattern) }, hostile)
      .filter((s) => s.length >= min && s.length <= max && pattern.test(s));
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: max }) },
      { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }) },
      hostile,
    )
    .filter((s) => s.length >= min && s.length <= max);
};

const numberArbitrary = (def: SchemaDef): fc.Arbitrary<number> => {
  const checks = checksOf(def);
  const integer = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  let min = integer ? -1_000_000 : -1e6;
  let max = integer ? 1_000_000 : 1e6;
  let minExcluded = false;
  let maxExcluded = false;
  for (const check of checks) {
    if (check.check === 'greater_than' && check.value !== undefined && check.value >= min) {
      min = check.value;
      minExcluded = check.inclusive === false;
    }
    if (check.check === 'less_than' && check.value !== undefined && check.value <= max) {
      max = check.value;
      maxExcluded = check.inclusive === false;
    }
  }
  if (integer) {
    const lo = Math.ceil(minExcluded ? min + 1 : min);
    const hi = Math.floor(maxExcluded ? max - 1 : max);
    // money and counts: mostly small values, sometimes the edges
    return fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: lo, max: Math.min(hi, Math.max(lo, 0) + 100_000) }) },
      { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) },
    );
  }
  // events are JSON, which has no -0 (a durable store reads it back as 0), so generators never produce it
  return fc
    .double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true })
    .map((n) => (Object.is(n, -0) ? 0 : n));
};

/**
 * A fast-check arbitrary of the values a zod schema accepts, derived from the schema itself, so a new
 * event type gets generators for free. Refinements are honoured by filtering with the schema.
 */
export const arbitraryFromSchema = <TSchema extends z.ZodType>(
  schema: TSchema,
): fc.Arbitrary<z.output<TSchema>> =>
  build(schema).filter((value) => schema.safeParse(value).success) as fc.Arbitrary<z.output<TSchema>>;

const build = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
      return def.type === 'nullable'
        ? fc.option(build(def.innerType!), { nil: null })
        : build(def.innerType!);
    case 'array': {
      const checks = checksOf(def);
      const minLength = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
      const maxLength = Math.min(
        checks.find((c) => c.check === 'max_length')?.maximum ?? 4,
        Math.max(minLength, 4),
      );
      return fc.array(build(def.element!), { minLength, maxLength });
    }
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((key) => {
        const type = defOf(shape[key]!).type;
        return type !== 'optional' && type !== 'default';
      });
      const parts = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, build(value)]));
      return fc.record(parts, { requiredKeys: required });
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map(build));
    case 'record':
      return fc.dictionary(build(def.keyType!) as fc.Arbitrary<string>, build(def.valueType!), {
        maxKeys: 4,
      });
    default:
      throw new Error(
        `arbitraryFromSchema: zod type "${def.type}" is not supported; pass an explicit arbitrary`,
      );
  }
};
