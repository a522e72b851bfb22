import { isRapportError } from '@rapport/core';
import fc from 'fast-check';

/**
 * Names a plain object already answers to: `record[key]` reads what `Object.prototype` has under them, and
 * `record['__proto__'] = value` sets the prototype instead of adding a key. Any user-supplied string may be one.
 */
export const hostileKeys = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  'prototype',
] as const;

/** One of `hostileKeys`: for properties over anything a user names (tags, categories, SKUs, ids, attribute keys). */
export const arbitraryHostileKey = (): fc.Arbitrary<string> => fc.constantFrom(...hostileKeys);

/**
 * A string a user might use as a key: one of a small `pool` of ordinary names (default `a`, `b`, `vip`) two times in
 * three, else one of the `hostileKeys`, so the same keys come up again and counters and registers collide. `filter`
 * keeps the names a schema accepts (`__proto__` is no valid id, `constructor` is).
 *
 * @example
 * fc.array(arbitraryUserKey({ pool: ['jazz', 'rock'] })) // ['rock', 'constructor', 'jazz', 'rock', '__proto__', …]
 */
export const arbitraryUserKey = (
  options: { readonly pool?: readonly string[]; readonly filter?: (key: string) => boolean } = {},
): fc.Arbitrary<string> => {
  const { pool = ['a', 'b', 'vip'], filter = () => true } = options;
  const ordinary = pool.filter(filter);
  const hostile = hostileKeys.filter(filter);
  if (ordinary.length === 0 || hostile.length === 0)
    throw new Error('arbitraryUserKey: the filter must keep an ordinary and a hostile key');
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...ordinary) },
    { weight: 1, arbitrary: fc.constantFrom(...hostile) },
  );
};

/**
 * Anything a careless or hostile caller might pass where an option, a command or an event belongs: every JSON-ish
 * value fast-check can make (bigints, dates, maps, sets, null-prototype objects, typed and sparse arrays) plus
 * the usual suspects for validation code: `undefined`, `NaN`, infinities, `-0`, huge and fractional numbers, empty,
 * NUL, lone-surrogate and very long strings, the `hostileKeys`, symbols and functions.
 */
export const arbitraryHostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
    fc.constantFrom(
      undefined,
      null,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      -1,
      0,
      1.5,
      1e12,
      2 ** 31,
      Number.MAX_SAFE_INTEGER + 2,
      '',
      'Bad Name',
      '\u0000',
      '\ud800',
      'x'.repeat(10_000),
      ...hostileKeys,
      Symbol('s'),
      () => 1,
    ),
  );

/**
 * Strings that break naive text handling: lone surrogates, NUL, bidi overrides, stacked combining marks, ZWJ emoji,
 * BOM, and the `hostileKeys` that break naive maps.
 */
export const arbitraryUnicodeEdgeString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      '\u0000a',
      'a\ud800',
      '\udc00b',
      '\u202eevil',
      'e\u0301\u0301\u0301',
      '👩‍👩‍👧‍👦',
      '\ufeffbom',
      'a'.repeat(200),
      ...hostileKeys,
    ),
  );

/**
 * Runs `call` and says whether it succeeded or was refused. A refusal must be a `RapportError` with a message;
 * anything else (a `TypeError` from deep inside, a string thrown) fails the test with the original as its cause.
 *
 * @example
 * await fc.assert(fc.asyncProperty(arbitraryHostileValue(), async (options) => {
 *   await typedOutcome(() => createInMemoryEventStore(options as never));
 * }));
 */
export const typedOutcome = async (call: () => unknown): Promise<'ok' | 'rejected'> => {
  try {
    await call();
    return 'ok';
  } catch (error) {
    if (!isRapportError(error)) throw new Error(`untyped error escaped: ${String(error)}`, { cause: error });
    if (error.message.length === 0)
      throw new Error(`a ${error.code} error without a message`, { cause: error });
    return 'rejected';
  }
};

/**
 * The `code: message` of the `RapportError` that `call` throws, for asserting the exact wording of a refusal.
 * Throws when `call` returns, or throws anything that is not a `RapportError`.
 */
export const refusalOf = (call: () => unknown): string => {
  try {
    call();
  } catch (error) {
    if (isRapportError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal, but the call was accepted');
};
