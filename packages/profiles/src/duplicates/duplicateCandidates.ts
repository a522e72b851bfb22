import type { ProjectionReader } from '@rapport/projections';
import type { MatchKeys } from './matchKeys';

/** Why two records look like one customer: an identifier they share, normalised. */
export interface MatchReason {
  readonly kind: 'email' | 'phone';
  readonly value: string;
}

/** A record suggested as a duplicate of another, with every identifier they share. */
export interface DuplicateCandidate {
  readonly customerId: string;
  readonly reasons: readonly MatchReason[];
}

/** Suggested merges over a set of match-key documents. */
export interface DuplicateIndex {
  /** The records that share an identifier with `customerId` (or a record it absorbed), most reasons first. */
  candidates(customerId: string): readonly DuplicateCandidate[];
  /** Every suggested pair once, `a < b`, most reasons first. */
  pairs(): readonly { readonly a: string; readonly b: string; readonly reasons: readonly MatchReason[] }[];
}

/** Where match keys come from: the documents of a fold, or a reader of the duplicates projection. */
export type MatchKeysSource = ReadonlyMap<string, MatchKeys> | Pick<ProjectionReader<MatchKeys>, 'list'>;

const keyOf = (reason: MatchReason) => `${reason.kind}:${reason.value}`;
const reasonOf = (key: string): MatchReason => {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon) as MatchReason['kind'], value: key.slice(colon + 1) };
};
/** Adds `value` to the set under `key`, creating it. */
const add = (sets: Map<string, Set<string>>, key: string, value: string) => {
  const set = sets.get(key);
  if (set === undefined) sets.set(key, new Set([value]));
  else set.add(value);
};
const byReasons = (a: DuplicateCandidate, b: DuplicateCandidate) =>
  b.reasons.length - a.reasons.length || (a.customerId < b.customerId ? -1 : 1);

/**
 * Builds the identifier index of a set of match-key documents: every identifier of an open record, and of the
 * records merged into it, counts for that open record; forgotten records and their absorbed records count for
 * nothing.
 */
export const createDuplicateIndex = (documents: ReadonlyMap<string, MatchKeys>): DuplicateIndex => {
  const rootOf = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    for (;;) {
      const doc = documents.get(current);
      if (doc?.mergedInto === undefined || (doc.closed ?? 0) <= 0 || seen.has(current)) return current;
      seen.add(current);
      current = doc.mergedInto.id;
    }
  };
  const keysOf = new Map<string, Set<string>>();
  const holders = new Map<string, Set<string>>();
  for (const [id, doc] of documents) {
    const root = rootOf(id);
    if (documents.get(root)?.forgotten) continue;
    const keys = [
      ...(doc.emails ?? []).map((value) => keyOf({ kind: 'email', value })),
      ...(doc.phones ?? []).map((value) => keyOf({ kind: 'phone', value })),
    ];
    for (const key of keys) {
      add(keysOf, root, key);
      add(holders, key, root);
    }
  }
  const candidates = (customerId: string): DuplicateCandidate[] => {
    if (rootOf(customerId) !== customerId || documents.get(customerId)?.forgotten) return [];
    const shared = new Map<string, string[]>();
    for (const key of keysOf.get(customerId) ?? []) {
      for (const other of holders.get(key) ?? []) {
        if (other === customerId) continue;
        const keys = shared.get(other) ?? [];
        keys.push(key);
        shared.set(other, keys);
      }
    }
    return [...shared]
      .map(([other, keys]) => ({ customerId: other, reasons: keys.sort().map(reasonOf) }))
      .sort(byReasons);
  };
  return {
    candidates,
    pairs: () =>
      [...keysOf.keys()]
        .sort()
        .flatMap((a) =>
          candidates(a)
            .filter((candidate) => a < candidate.customerId)
            .map((candidate) => ({ a, b: candidate.customerId, reasons: candidate.reasons })),
        )
        .sort((x, y) => y.reasons.length - x.reasons.length || (x.a + x.b < y.a + y.b ? -1 : 1)),
  };
};

/** Every document a source holds (a reader is read page by page: the whole read model). */
const documentsOf = async (source: MatchKeysSource): Promise<ReadonlyMap<string, MatchKeys>> => {
  if (source instanceof Map) return source;
  const reader = source as Pick<ProjectionReader<MatchKeys>, 'list'>;
  const documents = new Map<string, MatchKeys>();
  let after: string | undefined;
  do {
    const page = await reader.list(after === undefined ? { limit: 1000 } : { after, limit: 1000 });
    for (const { key, document } of page.documents) documents.set(key, document);
    after = page.next;
  } while (after !== undefined);
  return documents;
};

/**
 * The records suggested as duplicates of `customerId`: those sharing a normalised email or phone with it (or with
 * a record merged into it), with the identifiers as reasons, most reasons first. Empty for a record merged into
 * another (ask the survivor) or forgotten. A reader is scanned in full; to answer for many customers, build one
 * `createDuplicateIndex` instead.
 *
 * @example
 * ```ts
 * const suggestions = await duplicateCandidates(createProjectionReader(readModels, 'duplicates'), 'c-42');
 * // [{ customerId: 'c-7', reasons: [{ kind: 'email', value: 'kim@example.com' }] }]
 * ```
 */
export const duplicateCandidates = async (
  source: MatchKeysSource,
  customerId: string,
): Promise<readonly DuplicateCandidate[]> =>
  createDuplicateIndex(await documentsOf(source)).candidates(customerId);
