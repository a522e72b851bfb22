import { randomBytes } from 'node:crypto';
import {
  type DataKey,
  type KeyStore,
  type KeySubject,
  RapportError,
  readOptions,
  ValidationError,
} from '@rapport/core';
import { resolveConnection } from './internal/connection';
import { createDatabase, serverError } from './internal/database';
import { createKeyStatements } from './internal/keys/keyStatements';
import { keyBytes, unwrapKey, wrapKey } from './internal/keys/wrapKey';
import { storeLifecycle } from './internal/storeLifecycle';
import { encodeText } from './internal/textCodec';
import type { PostgresConnectionOptions } from './postgresConnectionOptions';

/** Options of `createPostgresKeyStore`. */
export interface PostgresKeyStoreOptions extends PostgresConnectionOptions {
  /**
   * A 32-byte key that wraps every data key (AES-256-GCM) before it is stored, so a copy of the database alone
   * decrypts nothing. Keep it outside the database (a KMS, a secret store). Default none: data keys are stored raw.
   */
  readonly keyEncryptionKey?: Uint8Array;
}

/** The PostgreSQL key store: core's `KeyStore` port plus schema management. */
export interface PostgresKeyStore extends KeyStore {
  /** Creates or upgrades the schema (shared with the other stores); idempotent and safe from many processes. */
  migrate(): Promise<void>;
  /** Ends the pool if the store owns it. */
  close(): Promise<void>;
  readonly schema: string;
  readonly tenantId: string;
}

interface KeyRow {
  readonly version: number | null;
  readonly material: Buffer | null;
}

/**
 * Creates a `KeyStore` on PostgreSQL for one tenant: data keys by (tenant, customer, version). The first key of a
 * customer is created once even when processes race for it; `destroy` deletes every version and records the
 * customer as shredded, so no key is ever created for them again. Subjects of another tenant are refused.
 *
 * @example
 * const keyStore = createPostgresKeyStore({ pool, keyEncryptionKey });
 * const store = createProtectedEventStore({ store: createPostgresEventStore({ pool, registry: false }), keyStore });
 */
export const createPostgresKeyStore = (options: PostgresKeyStoreOptions): PostgresKeyStore => {
  const factory = 'createPostgresKeyStore';
  const kek = readOptions(factory, options).raw('keyEncryptionKey');
  if (kek !== undefined && (!(kek instanceof Uint8Array) || kek.length !== keyBytes)) {
    throw new RapportError('Configuration', `${factory}: keyEncryptionKey must be 32 bytes (a Uint8Array)`);
  }
  const resolved = resolveConnection(factory, options);
  const { pool, schema, tenantId } = resolved;
  const db = createDatabase(pool);
  const sql = createKeyStatements(schema);
  const tenant = encodeText(tenantId);
  const lifecycle = storeLifecycle(resolved, 'key store');
  const customerOf = (subject: KeySubject): string => {
    if (subject?.tenantId !== tenantId) {
      throw new ValidationError([
        {
          path: 'subject.tenantId',
          rule: `must be this key store's tenant`,
          got: JSON.stringify(subject?.tenantId),
        },
      ]);
    }
    const { customerId } = subject;
    if (typeof customerId !== 'string' || customerId.length === 0 || customerId.length > 200) {
      throw new ValidationError([
        { path: 'subject.customerId', rule: 'must be a non-empty string of at most 200 characters' },
      ]);
    }
    return encodeText(customerId);
  };
  const keyOf = (row: KeyRow | undefined, customer: string): DataKey | undefined =>
    row?.version == null || row.material === null
      ? undefined
      : { version: row.version, material: unwrapKey(row.material, kek, tenant, customer) };
  const fresh = (customer: string) => wrapKey(randomBytes(keyBytes), kek, tenant, customer);
  const run = async (statement: (typeof sql)[keyof typeof sql], values: readonly unknown[]) => {
    await lifecycle.ready();
    return db.query<KeyRow>(statement, values);
  };

  return {
    schema,
    tenantId,
    migrate: lifecycle.migrate,
    close: () => lifecycle.close(),
    currentKey: async (subject) => {
      const customer = customerOf(subject);
      const [row] = await run(sql.current, [tenant, customer, fresh(customer)]);
      return keyOf(row, customer);
    },
    keyVersion: async (subject, version) => {
      const customer = customerOf(subject);
      if (!Number.isInteger(version) || version < 1 || version > 2 ** 31 - 1) return undefined;
      const [row] = await run(sql.version, [tenant, customer, version]);
      return keyOf(row, customer);
    },
    rotate: async (subject) => {
      const customer = customerOf(subject);
      try {
        const [row] = await run(sql.rotate, [tenant, customer, fresh(customer)]);
        return keyOf(row, customer)!;
      } catch (error) {
        if (serverError(error).code !== 'RA002') throw error;
        throw new RapportError(
          'IllegalState',
          `keys of customer ${subject.customerId} were destroyed; nothing to rotate`,
          { data: { customerId: subject.customerId } },
        );
      }
    },
    destroy: async (subject) => {
      const customer = customerOf(subject);
      await run(sql.destroy, [tenant, customer]);
    },
  };
};
