/**
 * The least string greater than every string that starts with `prefix`, in code-point order (which is the byte order
 * of UTF-8 and of `COLLATE "C"`): the prefix with its last code point incremented, dropping trailing U+10FFFF.
 * Undefined when there is none (an empty prefix). It bounds an index range scan; `starts_with` still decides.
 */
export const prefixBound = (prefix: string): string | undefined => {
  const points = Array.from(prefix);
  while (points.length > 0) {
    let next = points.pop()!.codePointAt(0)! + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) return points.join('') + String.fromCodePoint(next);
  }
  return undefined;
};
