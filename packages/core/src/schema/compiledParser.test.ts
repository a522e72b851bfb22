import { arbitraryTouchpoint } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { touchpointEvents } from '../catalog/index';
import { defineEvent } from '../registry/defineEvent';
import { createEventRegistry } from '../registry/eventRegistry';
import { compiledParser } from './compiledParser';
import { safeParseAs } from './parse';

type Path = readonly (string | number)[];

/** Every path to a value inside `root` (the root included), with the value found there. */
const pathsOf = (root: unknown): { path: Path; value: unknown }[] => {
  const out: { path: Path; value: unknown }[] = [];
  const walk = (value: unknown, path: Path) => {
    out.push({ path, value });
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, [...path, i]);
    } else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(root, []);
  return out;
};

/** A copy of `root` with the value at `path` replaced by `change(value)`; the rest is shared. */
const replaceAt = (root: unknown, path: Path, change: (value: unknown) => unknown): unknown => {
  if (path.length === 0) return change(root);
  const [key, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[key as number] = replaceAt(root[key as number], rest, change);
    return copy;
  }
  const record = root as Record<string, unknown>;
  return { ...record, [key as string]: replaceAt(record[key as string], rest, change) };
};

/** Values of every kind, the edges of the catalog's rules among them. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -0,
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 53,
    -(2 ** 53),
    1e12 + 1,
    Number.MAX_VALUE,
    '',
    ' ',
    '\u0000',
    '\uD800',
    'x'.repeat(129),
    'x'.repeat(201),
    'x'.repeat(2001),
    '😀'.repeat(200),
    '😀'.repeat(201),
    ' https://example.com/a ',
    'https://exa\tmple.com',
    '2026-02-30T00:00:00Z',
    '2026-01-31T09:30:00+01:00',
    'USD',
    'email',
    [],
    {},
    new Date(0),
    new Map(),
    Object.create(null),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
);

/** The same own properties, read through getters. */
const withGetters = (value: object): object => {
  const out = {};
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, { get: () => item, enumerable: true });
  return out;
};

/** Ways to spoil (or merely disguise) the value at a path. */
const change = fc.oneof(
  oddValue.map((odd) => (_: unknown) => odd),
  fc
    .tuple(fc.constantFrom('extra', 'constructor', 'toString', '__proto__', ''), oddValue)
    .map(([key, odd]) => (value: unknown) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return odd;
      const copy = { ...value };
      Object.defineProperty(copy, key, { value: odd, enumerable: true, writable: true, configurable: true });
      return copy;
    }),
  fc.constant((value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const [first] = Object.keys(value);
    if (first === undefined) return value;
    const { [first]: _, ...rest } = value as Record<string, unknown>;
    return rest;
  }),
  fc.constantFrom(
    // disguises zod sees through: still valid when the original was
    (value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.assign(Object.create(null), value)
        : value,
    (value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) ? withGetters(value) : value,
    (value: unknown) =>
      value !== null && typeof value === 'object' ? new Proxy(value as object, {}) : value,
    (value: unknown) => (Array.isArray(value) ? Object.freeze([...value]) : value),
    // inherited enumerable keys: a strict object refuses them
    (value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.assign(Object.create({ inherited: 1 }), value)
        : value,
    (value: unknown) => (Array.isArray(value) ? { ...value, length: value.length } : value),
    (value: unknown) => (typeof value === 'string' ? `${value}\uDC00` : value),
    (value: unknown) => (typeof value === 'string' ? `${value}${'😀'.repeat(100)}` : value),
    (value: unknown) => (typeof value === 'number' ? value + 0.5 : value),
    (value: unknown) => (typeof value === 'number' ? -value - 1 : value),
    (value: unknown) => (typeof value === 'number' ? value * 1e6 : value),
  ),
);

/** Any valid data of the type, spoiled or disguised at one place. */
const spoiled = (type: (typeof touchpointEvents)[number]['type']) =>
  fc
    .tuple(arbitraryTouchpoint(type), fc.nat(), fc.array(change, { minLength: 1, maxLength: 2 }))
    .map(([event, pick, changes]) => {
      let data: unknown = event.data;
      for (const changeOne of changes) {
        const paths = pathsOf(data);
        data = replaceAt(data, paths[pick % paths.length]!.path, changeOne);
      }
      return data;
    });

/** Every object and array inside `value`. */
const containers = (value: unknown, into = new Set<unknown>()): Set<unknown> => {
  if (value !== null && typeof value === 'object' && !into.has(value)) {
    into.add(value);
    for (const item of Object.values(value)) containers(item, into);
  }
  return into;
};

/** What the runtime parser answers, as the registry answered before schemas were compiled. */
const reference = (schema: z.ZodType, data: unknown) => safeParseAs(schema, data, 'data');

describe.each(touchpointEvents.map((d) => [d.type, d] as const))('given any %s data', (type, definition) => {
  const parse = compiledParser(definition.schema, 'data');

  it('valid data takes the compiled path and comes out exactly as zod parses it, in a fresh value', () => {
    // a copy of the schema with a spy on its runtime parser, compiled afresh: valid data must never reach the spy
    const schema = definition.schema.clone();
    const runtime = vi.spyOn(schema, 'safeParse');
    const parseCopy = compiledParser(schema, 'data');
    fc.assert(
      fc.property(arbitraryTouchpoint(type), (event) => {
        const expected = reference(definition.schema, event.data);
        const actual = parseCopy(event.data);
        expect(actual).toStrictEqual(expected);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        const inside = containers(event.data);
        for (const part of containers(actual.success && actual.value)) expect(inside.has(part)).toBe(false);
      }),
      { numRuns: 30 },
    );
    expect(runtime).not.toHaveBeenCalled();
  });

  it('spoiled data gets the same verdict, value and issues as the runtime parser', () => {
    fc.assert(
      fc.property(spoiled(type), (data) => {
        const expected = reference(definition.schema, data);
        const actual = parse(data);
        expect(actual).toStrictEqual(expected);
        if (actual.success)
          expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.success && expected.value));
      }),
      { numRuns: 60 },
    );
  });
});

describe('given a schema the compiler cannot model', () => {
  const slow = async (n: number) => n > 0;
  const node: z.ZodType<{ name: string; children: unknown[] }> = z.lazy(() =>
    z.strictObject({ name: z.string().max(3), children: z.array(node) }),
  );
  const cases = {
    transform: [z.strictObject({ n: z.string().transform((s) => s.length) }), [{ n: 'abc' }, { n: 3 }]],
    preprocess: [
      z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(2)),
      [' ab ', ' a '],
    ],
    recursive: [
      node,
      [
        { name: 'a', children: [{ name: 'b', children: [] }] },
        { name: 'abcd', children: [] },
      ],
    ],
    superRefine: [
      z.strictObject({ a: z.number(), b: z.number() }).superRefine((v, ctx) => {
        if (v.a > v.b) ctx.addIssue({ code: 'custom', message: 'a must not exceed b', path: ['a'] });
      }),
      [
        { a: 1, b: 2 },
        { a: 3, b: 2 },
      ],
    ],
    catch: [z.strictObject({ n: z.number().catch(0) }), [{ n: 'x' }, { n: 2 }]],
    custom: [z.custom<string>((v) => typeof v === 'string' && v.startsWith('x')), ['xy', 'y']],
    record: [z.record(z.string().max(2), z.number().int()), [{ ab: 1 }, { abc: 1 }, { a: 1.5 }]],
    tuple: [
      z.tuple([z.string(), z.number()]),
      [
        ['a', 1],
        ['a', 'b'],
      ],
    ],
    date: [z.strictObject({ at: z.date() }), [{ at: new Date(0) }, { at: new Date(Number.NaN) }]],
    bigint: [z.bigint().min(1n), [2n, 0n]],
  } as const satisfies Record<string, readonly [z.ZodType, readonly unknown[]]>;

  it.each(Object.entries(cases))('still answers exactly as zod does (%s)', (name, [schema, inputs]) => {
    const Custom = defineEvent({
      type: 'CustomHappened',
      family: 'custom',
      version: 1,
      description: name,
      schema,
    });
    const registry = createEventRegistry([Custom]);
    for (const input of inputs) {
      expect(registry.validate('CustomHappened', input)).toStrictEqual(reference(schema, input));
    }
  });

  it('throws as zod does on an async refinement, whatever the path', () => {
    const schema = z.strictObject({ n: z.number().refine(slow) });
    const registry = createEventRegistry([
      defineEvent({ type: 'SlowHappened', family: 'custom', version: 1, description: 'async', schema }),
    ]);
    expect(() => reference(schema, { n: 1 })).toThrow();
    expect(() => registry.validate('SlowHappened', { n: 1 })).toThrow();
  });
});
