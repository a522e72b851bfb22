import { type EventRegistry, RapportError } from '@rapport/core';

/** The edit distance between two names (insertions, deletions, substitutions), for "did you mean". */
const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
};

/** The registered type nearest to `type`, when one is near enough to be what was meant. */
const nearest = (type: string, registry: EventRegistry): string | undefined => {
  let best: { readonly name: string; readonly d: number } | undefined;
  for (const { type: name } of registry.definitions) {
    const d = distance(type.toLowerCase(), name.toLowerCase());
    if (best === undefined || d < best.d) best = { name, d };
  }
  return best !== undefined && best.d <= Math.max(2, Math.floor(type.length / 3)) ? best.name : undefined;
};

/**
 * Throws a Configuration error when a projection handles an event type `registry` does not know: a store that
 * validates against it never records such an event, so the name is a typo and the projection would silently never
 * see what it was written for. The message names the type and the registered type it most likely means.
 */
export const assertHandlesKnown = (
  projection: { readonly name: string; readonly version: number; readonly handles: readonly string[] },
  registry: EventRegistry,
): void => {
  const unknown = projection.handles.filter((type) => !registry.has(type));
  if (unknown.length === 0) return;
  const named = unknown.map((type) => {
    const meant = nearest(type, registry);
    return meant === undefined ? `'${type}'` : `'${type}' (did you mean '${meant}'?)`;
  });
  throw new RapportError(
    'Configuration',
    `projection ${projection.name} v${projection.version} handles ${named.join(', ')}, which the event registry of its store does not know: no such event can be recorded. Fix the name, or register the event's definition.`,
    { data: { projection: projection.name, unknown } },
  );
};
