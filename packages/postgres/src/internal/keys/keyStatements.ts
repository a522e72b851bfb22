import type { Statement } from '../database';
import { quoteIdentifier, statementName } from '../identifier';

/** Every statement of the key store, named per schema. */
export const createKeyStatements = (schema: string) => {
  const s = quoteIdentifier(schema);
  const statement = (key: string, text: string): Statement => ({
    name: statementName(schema, `keys.${key}`),
    action: `key store: ${key}`,
    text,
  });
  return {
    current: statement('currentKey', `SELECT version, material FROM ${s}.current_data_key($1, $2, $3)`),
    version: statement(
      'keyVersion',
      `SELECT version, material FROM ${s}.data_keys WHERE tenant_id = $1 AND customer_id = $2 AND version = $3`,
    ),
    rotate: statement('rotate', `SELECT version, material FROM ${s}.rotate_data_key($1, $2, $3)`),
    destroy: statement('destroy', `SELECT ${s}.destroy_data_keys($1, $2)`),
  } as const;
};
