import { isRapportError } from '@rapport/core';
import fc from 'fast-check';

/**
 * Anything a careless or hostile caller might pass where an option, a command or an event belongs: every JSON-ish
 * value fast-check can make (bigints, dates, maps, sets, null-prototype objects, typed and sparse arrays) plus
 * the usual suspects for validation code: `undefined`, `NaN`, infinities, `-0`, huge and fractional numbers, empty,
 * NUL, lone-surrogate and very long strings, symbols and functions.
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
      Symbol('s'),
      () => 1,
    ),
  );

/** Strings that break naive text handling: lone surrogates, NUL, bidi overrides, stacked combining marks, ZWJ emoji, BOM. */
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
