/**
 * An upper bound on the length of `JSON.stringify(value)`, computed without allocating, that stops early once it
 * passes `limit`. Strings count six characters each (the worst JSON escape), numbers 26, so the bound is safe.
 */
export const jsonLengthBound = (value: unknown, limit: number): number => {
  // one stack kept between calls (a getter inside `value` may call back in, and then gets a fresh one)
  const stack = spare ?? [];
  spare = undefined;
  stack.push(value);
  let total = 0;
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop();
    if (typeof item === 'string') total += item.length * 6 + 2;
    else if (typeof item === 'number')
      total += 26; // the longest JS number text is 25 (e.g. -0.0000010000002379766121)
    else if (item === null || typeof item !== 'object') total += 5;
    else if (Array.isArray(item)) {
      total += 2 + item.length;
      for (let i = 0; i < item.length; i++) stack.push(item[i]);
    } else {
      for (const key in item) {
        total += key.length * 6 + 4;
        stack.push((item as Record<string, unknown>)[key]);
      }
      total += 2;
    }
  }
  if (stack.length > 0) stack.length = 0;
  spare = stack;
  return total;
};

let spare: unknown[] | undefined = [];

/** The exact JSON length of `value`, measured only when the cheap bound says it might be over `limit`. */
export const jsonLengthIfNear = (value: unknown, limit: number): number =>
  jsonLengthBound(value, limit) <= limit ? 0 : (JSON.stringify(value)?.length ?? 0);
