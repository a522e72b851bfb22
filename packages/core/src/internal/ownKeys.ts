/**
 * Profile sections are JSON documents whose keys are user data (categories, tags, attribute names, invoice and case
 * ids, currencies), and any string may be one: `constructor`, `toString`, `__proto__`. `record[key]` on a plain
 * object reads what `Object.prototype` has under such a name, and `record['__proto__'] = value` sets the prototype
 * instead of adding a key. Every read and write of a user key goes through these two, so the documents stay plain
 * objects that `JSON.stringify` writes and `JSON.parse` reads back (with `__proto__` as an own key) unchanged.
 */

/** The value `record` holds under its own key `key`, never one it inherits. */
export const ownValue = <TValue>(
  record: Readonly<Partial<Record<string, TValue>>> | undefined,
  key: string,
): TValue | undefined => (record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined);

/** Sets `key` on a record the caller owns (a fresh copy) as an own property, `__proto__` included. */
export const setOwn = <TValue>(record: Partial<Record<string, TValue>>, key: string, value: TValue): void => {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
};
