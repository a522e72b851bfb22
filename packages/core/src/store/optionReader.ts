import { RapportError } from '../errors/rapportError';
import { renderValue } from '../schema/zodIssues';
import { isOptionBag } from './storeOptions';

export { maxTimerMs } from './maxTimerMs';

/** Bounds of an integer option. */
export interface IntegerBounds {
  readonly min: number;
  /** Default `Number.MAX_SAFE_INTEGER`; give `maxTimerMs` for durations. */
  readonly max?: number;
}

/**
 * Reads a factory's options one by one, each with its default, and throws a `Configuration` error naming the
 * factory, the option (dotted path for nested bags) and the value it got, for anything of the wrong type or out of
 * range. Adapters use it so every store checks its options the same way before it opens a connection.
 */
export interface OptionReader {
  /** The raw value of an option (for values the factory checks itself). */
  raw(name: string): unknown;
  integer(name: string, fallback: number, bounds: IntegerBounds): number;
  boolean(name: string, fallback: boolean): boolean;
  /** A string matching `pattern` (anchored by the caller); `rule` says what it must be, for the error. */
  string(name: string, fallback: string, pattern: RegExp, rule: string): string;
  /** A string that must be there or not, with no default (e.g. a connection string). */
  optionalString(name: string, pattern: RegExp, rule: string): string | undefined;
  /** A function, or the fallback when absent. */
  callback<T extends (...args: never[]) => unknown>(name: string, fallback: T): T;
  /**
   * An object with these methods (a store, a client, a pool), or undefined when absent and `optional`; `what` says
   * what it must be, e.g. `'an EventStore'`.
   */
  service<T>(name: string, methods: readonly string[], what: string, optional?: boolean): T;
  /** A nested options object (absent reads as empty). */
  nested(name: string): OptionReader;
  /** A Configuration error about this factory's options, to throw: `throw read.error('give a pool', got)`. */
  error(rule: string, got?: unknown): RapportError;
}

const describe = (got: unknown): string => (got === undefined ? '' : ` (got ${renderValue(got)})`);

/** Only `undefined` means "not given": `null` is a value, and is refused where it does not fit. */
const orDefault = <T>(value: unknown, fallback: T): unknown => (value === undefined ? fallback : value);

/** Starts reading `options` of `factory` (e.g. `'createPostgresEventStore'`); throws unless it is an object or undefined. */
export const readOptions = (factory: string, options: unknown, prefix = ''): OptionReader => {
  const error = (rule: string, got?: unknown): RapportError =>
    new RapportError('Configuration', `${factory}: ${rule}${describe(got)}`, { data: { factory } });
  const fail = (rule: string, got?: unknown): never => {
    throw error(rule, got);
  };
  if (!isOptionBag(options))
    fail(prefix === '' ? 'options must be an object' : `${prefix} must be an object`, options);
  const bag = (options ?? {}) as Record<string, unknown>;
  const path = (name: string) => `${prefix === '' ? '' : `${prefix}.`}${name}`;
  const reader: OptionReader = {
    raw: (name) => bag[name],
    integer: (name, fallback, { min, max = Number.MAX_SAFE_INTEGER }) => {
      const value = orDefault(bag[name], fallback);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return fail(`${path(name)} must be an integer from ${min} to ${max}`, value);
      }
      return value;
    },
    boolean: (name, fallback) => {
      const value = orDefault(bag[name], fallback);
      if (typeof value !== 'boolean') return fail(`${path(name)} must be true or false`, value);
      return value;
    },
    string: (name, fallback, pattern, rule) => reader.optionalString(name, pattern, rule) ?? fallback,
    optionalString: (name, pattern, rule) => {
      const value = bag[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || !pattern.test(value))
        return fail(`${path(name)} must be ${rule}`, value);
      return value;
    },
    callback: <T extends (...args: never[]) => unknown>(name: string, fallback: T): T => {
      const value = orDefault(bag[name], fallback);
      if (typeof value !== 'function') return fail(`${path(name)} must be a function`, value);
      return value as T;
    },
    service: <T>(name: string, methods: readonly string[], what: string, optional = false): T => {
      const value = bag[name];
      if (value === undefined && optional) return value as T;
      if (value === undefined) return fail(`${path(name)} is required: give ${what}`);
      const usable =
        typeof value === 'object' &&
        value !== null &&
        methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
      if (!usable) return fail(`${path(name)} must be ${what}`, value);
      return value as T;
    },
    nested: (name) => readOptions(factory, bag[name], path(name)),
    error,
  };
  return reader;
};
