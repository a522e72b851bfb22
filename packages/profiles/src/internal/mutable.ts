/** A writable view of a readonly shape: only for fresh copies a function builds before returning them. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A shallow copy we may assign to: `{ ...value }` takes V8's fast clone path, and assigning to it stays fast. */
export const draftOf = <T extends object>(value: T): Mutable<T> => ({ ...value });
