import { isValidationError, type ValidationError } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentProblem } from '../../readModel/documentRule';
import { assertStorable } from './storableCheck';

class Money {
  constructor(readonly amount: number) {}
}

const unstorable = fc.constantFrom<unknown>(
  12n,
  new Date(0),
  Number.NaN,
  Number.NEGATIVE_INFINITY,
  new Map(),
  new Set([1]),
  new Money(1),
  () => 1,
  [1, undefined],
  // biome-ignore lint/suspicious/noSparseArray: a hole is one of the things the rule names
  [1, , 2],
);
const value = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: unstorable },
);

/** `base` with `replacement` at the place `steps` lead to, copying only the objects on the way (an immutable update). */
const updated = (base: unknown, steps: readonly number[], replacement: unknown): unknown => {
  if (steps.length === 0 || base === null || typeof base !== 'object') return replacement;
  const [step, ...rest] = steps as [number, ...number[]];
  if (Array.isArray(base)) {
    const i = step % (base.length + 1);
    const copy = [...base];
    copy[i] = updated(base[i], rest, replacement);
    return copy;
  }
  const names = Object.keys(base);
  const name = names[step % (names.length + 1)] ?? `new${step}`;
  return { ...base, [name]: updated((base as Record<string, unknown>)[name], rest, replacement) };
};

const refusal = (next: unknown, previous: unknown) => {
  try {
    assertStorable(next, previous);
    return undefined;
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return (error as ValidationError).issues[0];
  }
};

describe('the engine’s check of a new state against the last one', () => {
  it('refuses exactly what the document rule refuses, naming the same place, walking only what changed', () => {
    const edit = fc.record({ steps: fc.array(fc.nat(), { maxLength: 4 }), to: value });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
        fc.array(edit, { maxLength: 4 }),
        (previous, edits) => {
          const next = edits.reduce<unknown>((state, { steps, to }) => updated(state, steps, to), previous);
          expect(refusal(next, previous)).toEqual(documentProblem(next, 'state'));
        },
      ),
    );
  });

  it('walks the whole of a state with nothing before it', () => {
    expect(refusal({ a: { b: [1, { c: 2n }] } }, null)?.path).toBe('state.a.b[1].c');
  });
});
