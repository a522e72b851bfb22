// Dead letters and outbox entries hold bigints (positions) and fields that are there but undefined (`code:
// undefined`): both survive a round trip through JSON as tagged objects.
const BIGINT = '\u0000rapport-bigint';
const UNDEFINED = '\u0000rapport-undefined';

/** JSON text of a value that may hold bigints and undefined fields. */
export const encodeJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'bigint' ? { [BIGINT]: v.toString() } : v === undefined ? { [UNDEFINED]: 1 } : v,
  );

const revive = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(revive);
  const record = value as Record<string, unknown>;
  if (typeof record[BIGINT] === 'string') return BigInt(record[BIGINT]);
  if (record[UNDEFINED] === 1) return undefined;
  for (const key of Object.keys(record)) record[key] = revive(record[key]);
  return record;
};

/** The value `encodeJson` wrote. */
export const decodeJson = <T>(text: string): T => revive(JSON.parse(text)) as T;
