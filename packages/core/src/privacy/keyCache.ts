import type { DataKey, KeyStore, KeySubject } from './keyStore';

/** Caches key lookups so a replay asks the key store once per customer, not once per event. */
export interface KeyCache {
  current(subject: KeySubject): Promise<DataKey | undefined>;
  version(subject: KeySubject, version: number): Promise<DataKey | undefined>;
  /** Drops everything cached for a subject (after rotation or destruction). */
  forget(subject: KeySubject): void;
}

/** Creates a key cache; entries live `ttlMs` so a key destroyed by another process stops working within that time. */
export const createKeyCache = (keyStore: KeyStore, ttlMs: number, now: () => number): KeyCache => {
  const entries = new Map<string, { key: DataKey | undefined; until: number }>();
  const lookup = async (id: string, load: () => Promise<DataKey | undefined>) => {
    const hit = entries.get(id);
    if (hit && hit.until > now()) return hit.key;
    const key = await load();
    if (entries.size > 100_000) entries.clear();
    entries.set(id, { key, until: now() + ttlMs });
    return key;
  };
  const base = (s: KeySubject) => `${s.tenantId}\u0000${s.customerId}\u0000`;
  return {
    current: (subject) => lookup(`${base(subject)}current`, () => keyStore.currentKey(subject)),
    version: (subject, version) =>
      lookup(`${base(subject)}${version}`, () => keyStore.keyVersion(subject, version)),
    forget: (subject) => {
      const prefix = base(subject);
      for (const id of entries.keys()) if (id.startsWith(prefix)) entries.delete(id);
    },
  };
};
