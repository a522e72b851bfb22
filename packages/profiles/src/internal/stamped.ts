import { beats } from './order';

/** A section of last-writer-wins fields: each field's value plus, in `changedAt`, when it was last written. */
export interface Stamped {
  /** Event time (epoch ms) each field was last written. */
  readonly changedAt: Readonly<Record<string, number>>;
}

type Writable = Record<string, unknown> & { changedAt: Record<string, number> };

/**
 * Writes the `names` fields of `source` into a stamped section at time `at`, each field only where it beats
 * the current write. Returns the section itself when nothing changed, else a shallow copy.
 */
export const writeFields = <TSection extends Stamped>(
  section: TSection | undefined,
  source: Readonly<Record<string, unknown>>,
  names: readonly string[],
  at: number,
): TSection | undefined => {
  let out: Writable | undefined;
  const current = section as Readonly<Record<string, unknown>> | undefined;
  for (const name of names) {
    const value = source[name];
    if (value === undefined) continue;
    if (!beats(at, value, section?.changedAt[name], current?.[name])) continue;
    out ??= { ...current, changedAt: { ...section?.changedAt } } as Writable;
    out[name] = value;
    out.changedAt[name] = at;
  }
  return (out as TSection | undefined) ?? section;
};

/** Merges two stamped sections field by field, the later write of each field winning. */
export const mergeFields = <TSection extends Stamped>(
  a: TSection | undefined,
  b: TSection | undefined,
): TSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  let out: TSection | undefined = a;
  const values = b as unknown as Readonly<Record<string, unknown>>;
  for (const [name, at] of Object.entries(b.changedAt)) out = writeFields(out, values, [name], at);
  return out;
};
