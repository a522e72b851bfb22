/**
 * PostgreSQL `text` cannot hold U+0000 and the UTF-8 encoder replaces lone surrogates, so stream ids, event
 * types and idempotency keys are stored through this reversible escaping: `\` becomes `\\`, U+0000 becomes
 * `\0` and a lone surrogate becomes `\uXXXX`. Every other string, i.e. every sane name, is stored unchanged,
 * and the escaping is character-wise, so `starts_with(encode(id), encode(prefix))` still tests prefixes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be escaped
const NEEDS_ESCAPE = /[\\\u0000]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPED = /\\(\\|0|u[0-9a-f]{4})/g;

const escapeOne = (char: string): string => {
  if (char === '\\') return '\\\\';
  if (char === '\u0000') return '\\0';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

const unescapeOne = (_match: string, code: string): string => {
  if (code === '\\') return '\\';
  if (code === '0') return '\u0000';
  return String.fromCharCode(Number.parseInt(code.slice(1), 16));
};

/** Encodes a string for a `text` column. */
export const encodeText = (value: string): string => value.replace(NEEDS_ESCAPE, escapeOne);

/** Decodes what `encodeText` produced. */
export const decodeText = (value: string): string =>
  value.includes('\\') ? value.replace(ESCAPED, unescapeOne) : value;
