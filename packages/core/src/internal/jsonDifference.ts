const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const child = (path: string, key: string): string =>
  IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isPlain = (value: Record<string, unknown>): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Own keys whose value JSON would keep (an `undefined` value is an absent key). */
const keysOf = (value: Record<string, unknown>): string[] =>
  Object.keys(value).filter((key) => value[key] !== undefined);

/**
 * The path of the first place where two JSON values differ, or undefined when they are the same JSON: object key
 * order does not count and an `undefined` property is an absent one, as once stored; array order counts.
 */
export const jsonDifference = (a: unknown, b: unknown, path: string): string | undefined => {
  if (a === b) return undefined;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) {
      const found = jsonDifference(a[i], b[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    if (!isPlain(a) || !isPlain(b)) {
      return JSON.stringify(a) === JSON.stringify(b) ? undefined : path;
    }
    const keys = keysOf(a);
    const other = keysOf(b);
    if (keys.length !== other.length) {
      const missing = keys.find((key) => !Object.hasOwn(b, key) || b[key] === undefined);
      const extra = other.find((key) => !Object.hasOwn(a, key) || a[key] === undefined);
      return child(path, (missing ?? extra)!);
    }
    for (const key of keys) {
      if (!Object.hasOwn(b, key)) return child(path, key);
      const found = jsonDifference(a[key], b[key], child(path, key));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return path;
};
