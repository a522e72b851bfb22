import { randomBytes } from 'node:crypto';
import { illegalState } from '../errors/guards';

/** Whose data a key protects: one customer of one tenant. */
export interface KeySubject {
  readonly tenantId: string;
  readonly customerId: string;
}

/** A 256-bit data key and its version; versions grow with each rotation. */
export interface DataKey {
  readonly version: number;
  readonly material: Uint8Array;
}

/**
 * Where per-customer data keys live. Destroying a subject's keys is the erasure: ciphertext in the immutable log
 * becomes unreadable. Implementations: in-memory, PostgreSQL, or a cloud KMS behind the same four functions.
 */
export interface KeyStore {
  /** The newest key, created on first use; undefined once the subject's keys were destroyed (never re-created). */
  currentKey(subject: KeySubject): Promise<DataKey | undefined>;
  /** A specific version, or undefined if it never existed or was destroyed. */
  keyVersion(subject: KeySubject, version: number): Promise<DataKey | undefined>;
  /** Adds a new current version; older versions stay readable. Returns the new key. */
  rotate(subject: KeySubject): Promise<DataKey>;
  /** Destroys every version for good and remembers that the subject was shredded. */
  destroy(subject: KeySubject): Promise<void>;
}

const subjectKey = ({ tenantId, customerId }: KeySubject) => `${tenantId}\u0000${customerId}`;

/** A key store in process memory, for tests and the embedded store. */
export const createInMemoryKeyStore = (): KeyStore => {
  const keys = new Map<string, DataKey[]>();
  const shredded = new Set<string>();
  const add = (id: string): DataKey => {
    const versions = keys.get(id) ?? [];
    const key: DataKey = { version: versions.length + 1, material: new Uint8Array(randomBytes(32)) };
    keys.set(id, [...versions, key]);
    return key;
  };
  return {
    currentKey: async (subject) => {
      const id = subjectKey(subject);
      if (shredded.has(id)) return undefined;
      return keys.get(id)?.at(-1) ?? add(id);
    },
    keyVersion: async (subject, version) => keys.get(subjectKey(subject))?.[version - 1],
    rotate: async (subject) => {
      const id = subjectKey(subject);
      if (shredded.has(id))
        throw illegalState(`keys of customer ${subject.customerId} were destroyed; nothing to rotate`);
      return add(id);
    },
    destroy: async (subject) => {
      const id = subjectKey(subject);
      const versions = keys.get(id) ?? [];
      for (const key of versions) key.material.fill(0);
      keys.delete(id);
      shredded.add(id);
    },
  };
};
