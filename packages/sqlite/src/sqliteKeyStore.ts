import { randomBytes } from 'node:crypto';
import {
  type DataKey,
  type KeyStore,
  type KeySubject,
  RapportError,
  readOptions,
  renderValue,
  resolveStoreOptions,
  ValidationError,
} from '@rapport/core';
import type { Statement } from 'better-sqlite3';
import { describeDriverError } from './internal/fileErrors';
import { openDatabase } from './internal/openDatabase';
import { resolveFile } from './internal/resolveFile';
import type { SqliteFileOptions } from './sqliteFileOptions';

/** Options of `createSqliteKeyStore`. */
export type SqliteKeyStoreOptions = SqliteFileOptions;

/** The SQLite key store: core's `KeyStore` port on a database file. */
export interface SqliteKeyStore extends KeyStore {
  readonly file: string;
  readonly tenantId: string;
  /** Closes the file. */
  close(): Promise<void>;
}

const FACTORY = 'createSqliteKeyStore';
const KEY_BYTES = 32;

/**
 * Creates a `KeyStore` for crypto-shredding on an SQLite file, for one tenant. `destroy` deletes every version of
 * a customer's key, zeroes the freed pages (`secure_delete`) and checkpoints the write-ahead log into the file and
 * truncates it, so no copy of the key stays in either file; the customer is remembered as shredded, and no key is
 * created for them again. Keys are stored as they are: protect the file as you would the keys.
 *
 * @example
 * const keyStore = createSqliteKeyStore({ file: 'crm.sqlite' });
 * const store = createProtectedEventStore({ store: createSqliteEventStore({ file: 'crm.sqlite', registry: false }), keyStore });
 */
export const createSqliteKeyStore = (options: SqliteKeyStoreOptions): SqliteKeyStore => {
  const { file, busyTimeoutMs } = resolveFile(readOptions(FACTORY, options));
  const { tenantId } = resolveStoreOptions(FACTORY, { tenantId: options.tenantId });
  const db = openDatabase(file, busyTimeoutMs);
  const latest: Statement<[string, string], { version: number; material: Buffer }> = db.prepare(
    `SELECT version, material FROM rapport_data_keys WHERE tenant = ? AND customer_id = ?
     ORDER BY version DESC LIMIT 1`,
  );
  const byVersion: Statement<[string, string, number], { version: number; material: Buffer }> = db.prepare(
    'SELECT version, material FROM rapport_data_keys WHERE tenant = ? AND customer_id = ? AND version = ?',
  );
  const shredded: Statement<[string, string], number> = db
    .prepare<[string, string], number>(
      'SELECT 1 FROM rapport_shredded_subjects WHERE tenant = ? AND customer_id = ?',
    )
    .pluck();
  const insert: Statement<[string, string, number, Buffer]> = db.prepare(
    'INSERT INTO rapport_data_keys (tenant, customer_id, version, material) VALUES (?, ?, ?, ?)',
  );
  const remove: Statement<[string, string]> = db.prepare(
    'DELETE FROM rapport_data_keys WHERE tenant = ? AND customer_id = ?',
  );
  const forget: Statement<[string, string]> = db.prepare(
    'INSERT OR IGNORE INTO rapport_shredded_subjects (tenant, customer_id) VALUES (?, ?)',
  );
  let closed = false;

  /** The customer of a subject of this tenant; anything else is refused with the field and the rule. */
  const customerOf = (subject: KeySubject): string => {
    const customerId: unknown = subject?.customerId;
    const issue =
      subject?.tenantId !== tenantId
        ? { path: 'subject.tenantId', rule: `must be '${tenantId}', this key store's tenant` }
        : typeof customerId !== 'string' || customerId.length === 0 || customerId.length > 200
          ? { path: 'subject.customerId', rule: 'must be a non-empty string of at most 200 characters' }
          : undefined;
    if (issue === undefined) return customerId as string;
    throw new ValidationError([
      { ...issue, got: renderValue(issue.path.endsWith('tenantId') ? subject?.tenantId : customerId) },
    ]);
  };
  const keyOf = (row: { version: number; material: Buffer } | undefined): DataKey | undefined =>
    row === undefined ? undefined : { version: row.version, material: new Uint8Array(row.material) };
  const write = <T>(body: () => T): T => {
    if (closed) throw new RapportError('StoreUnavailable', `${file}: the SQLite key store is closed`);
    try {
      return db.transaction(body).immediate();
    } catch (error) {
      throw describeDriverError(file, error);
    }
  };
  const add = (customer: string, version: number): DataKey => {
    const material = randomBytes(KEY_BYTES);
    insert.run(tenantId, customer, version, material);
    return { version, material: new Uint8Array(material) };
  };

  return {
    file,
    tenantId,
    currentKey: async (subject) => {
      const customer = customerOf(subject);
      return write(() => {
        if (shredded.get(tenantId, customer) !== undefined) return undefined;
        return keyOf(latest.get(tenantId, customer)) ?? add(customer, 1);
      });
    },
    keyVersion: async (subject, version) => {
      const customer = customerOf(subject);
      if (!Number.isInteger(version) || version < 1) return undefined;
      return write(() => keyOf(byVersion.get(tenantId, customer, version)));
    },
    rotate: async (subject) => {
      const customer = customerOf(subject);
      return write(() => {
        if (shredded.get(tenantId, customer) !== undefined) {
          throw new RapportError(
            'IllegalState',
            `keys of customer ${customer} were destroyed; nothing to rotate`,
            { data: { customerId: customer } },
          );
        }
        return add(customer, (latest.get(tenantId, customer)?.version ?? 0) + 1);
      });
    },
    destroy: async (subject) => {
      const customer = customerOf(subject);
      write(() => {
        remove.run(tenantId, customer);
        forget.run(tenantId, customer);
      });
      // the log still holds the pages as they were before the delete: fold it into the file and cut it off
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
};
