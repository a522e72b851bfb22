import type { Statement } from '../database';
import { quoteIdentifier, statementName } from '../identifier';

const commitParameters = `$1, $2, $3, $4, $5::bigint, $6::bigint, $7,
         $8::text[], $9::text, $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
         $17::text[], $18::bigint[], $19::text[], $20::text[], $21::bigint[], $22::boolean[], $23::text[], $24::text[],
         $25::text[], $26, $27::int`;

/** Every statement of the read-model store, named per schema so each is prepared once per connection. */
export const createReadModelStatements = (schema: string) => {
  const s = quoteIdentifier(schema);
  // unnamed, so planned for the values at hand: a generic plan made while a rebuild's tables were small would stay
  const statement = (key: string, action: string, text: string): Statement => ({
    name: statementName(schema, `rm.${key}`),
    action: `read models: ${action}`,
    text,
    prepared: false,
  });
  const where = 'tenant_id = $1 AND collection = $2';
  return {
    get: statement(
      'get',
      'get',
      `SELECT document::text AS document FROM ${s}.read_model_documents WHERE ${where} AND key = $3::text COLLATE "C"`,
    ),
    getMany: statement(
      'getMany',
      'getMany',
      `SELECT key, document::text AS document FROM ${s}.read_model_documents
       WHERE ${where} AND key = ANY ($3::text[] COLLATE "C")`,
    ),
    put: statement(
      'put',
      'put',
      `INSERT INTO ${s}.read_model_documents (tenant_id, collection, key, document) VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (tenant_id, collection, key) DO UPDATE SET document = excluded.document`,
    ),
    delete: statement(
      'delete',
      'delete',
      `DELETE FROM ${s}.read_model_documents WHERE ${where} AND key = $3::text COLLATE "C"`,
    ),
    // $3 prefix, $4 the first string after every key with the prefix (null: none), $5 after, $6 limit + 1
    list: statement(
      'list',
      'list',
      `SELECT key, document::text AS document FROM ${s}.read_model_documents
       WHERE ${where} AND key >= $3::text COLLATE "C" AND ($4::text IS NULL OR key < $4::text COLLATE "C")
         AND ($5::text IS NULL OR key > $5::text COLLATE "C") AND starts_with(key, $3)
       ORDER BY key LIMIT $6`,
    ),
    readCheckpoint: statement(
      'readCheckpoint',
      'readCheckpoint',
      `SELECT position::text AS position, watermark FROM ${s}.read_model_checkpoints
       WHERE ${where} AND part_count = $3 AND part_index = $4`,
    ),
    // $3 up to; $4-$6 the cursor (null: none); $7 partition count (0: all), $8 partition index; $9 limit
    dueTimers: statement(
      'dueTimers',
      'dueTimers',
      `SELECT key, name, at, payload::text AS payload FROM ${s}.read_model_timers
       WHERE ${where} AND at <= $3::text COLLATE "C"
         AND ($4::text IS NULL OR (at, key, name) > ($4::text COLLATE "C", $5::text COLLATE "C", $6::text COLLATE "C"))
         AND ($7::int = 0 OR key_hash % greatest($7::int, 1) = $8::int)
       ORDER BY at, key, name LIMIT $9`,
    ),
    listTimers: statement(
      'listTimers',
      'listTimers',
      `SELECT key, name, at, payload::text AS payload FROM ${s}.read_model_timers WHERE ${where}
       ORDER BY at, key, name`,
    ),
    listAliases: statement(
      'listAliases',
      'listAliases',
      `SELECT from_key, to_key FROM ${s}.read_model_aliases WHERE ${where} ORDER BY from_key`,
    ),
    listDeadLetters: statement(
      'listDeadLetters',
      'listDeadLetters',
      `SELECT letter::text AS letter FROM ${s}.read_model_dead_letters WHERE ${where} ORDER BY position, seq`,
    ),
    activeVersion: statement(
      'activeVersion',
      'activeVersion',
      `SELECT version FROM ${s}.read_model_active_versions WHERE tenant_id = $1 AND projection = $2`,
    ),
    commit: statement(
      'commit',
      'commit',
      `SELECT outcome, actual::text AS actual FROM ${s}.commit_read_model(${commitParameters})`,
    ),
    // $28-$30 the effects' ids, reactors and due times, $31 their JSON texts joined by U+001E, $32 recorded at,
    // $33 the commands' keys (null for a message), the lines they wait in (v12)
    commitWithEffects: statement(
      'commitWithEffects',
      'commit',
      `SELECT outcome, actual::text AS actual FROM ${s}.commit_read_model_effects(${commitParameters},
         $28::text[], $29::text[], $30::text[], $31::text, $32::text, $33::text[])`,
    ),
    // one statement, so a collection is dropped whole or not at all
    dropCollection: statement(
      'dropCollection',
      'dropCollection',
      `WITH documents AS (DELETE FROM ${s}.read_model_documents WHERE ${where}),
         timers AS (DELETE FROM ${s}.read_model_timers WHERE ${where}),
         aliases AS (DELETE FROM ${s}.read_model_aliases WHERE ${where}),
         letters AS (DELETE FROM ${s}.read_model_dead_letters WHERE ${where}),
         checkpoints AS (DELETE FROM ${s}.read_model_checkpoints WHERE ${where})
       SELECT 1`,
    ),
    /** The partition counts of a collection's checkpoints (0: checkpointed as a whole). */
    checkpointParts: statement(
      'checkpointParts',
      'checkpointParts',
      `SELECT DISTINCT part_count FROM ${s}.read_model_checkpoints WHERE ${where}`,
    ),
  } as const;
};

/** The read-model statements of one schema. */
export type ReadModelStatements = ReturnType<typeof createReadModelStatements>;
