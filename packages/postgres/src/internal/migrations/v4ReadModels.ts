import type { Migration } from './migration';

/**
 * The read-model store: documents, checkpoints, timers, aliases, dead letters and active versions, every row keyed
 * by tenant first. Keys, timer names and times are `COLLATE "C"` so paging and the due-timer order are byte order,
 * whatever the database's collation. Documents are `json` (kept byte for byte, and `\u0000` is allowed), not `jsonb`.
 *
 * A checkpoint belongs to a collection, or to one partition of it (`part_count` > 0) when a projection runs as
 * partitioned workers. `commit_read_model` writes one runner batch in one call: it moves the checkpoint first,
 * guarded by the expected position (a concurrent commit with the same expectation waits for the row lock, then finds
 * the position moved and writes nothing), then applies the changes, which the client has already reduced to at most
 * one change per key. Activation of a partitioned collection waits until every partition has caught up once.
 *
 * Every statement is planned afresh on each call (`force_custom_plan`): the tables of a rebuild grow from empty, and a
 * generic plan made while they were small (a sequential scan, or the table as the outer side of the join with the
 * batch) would stay and turn each commit into a scan of the collection. The store also analyses the tables as they
 * grow (see `analyzeAsTheyGrow`), since autovacuum first analyses a fresh table only after a minute or so.
 * Key comparisons carry an explicit `COLLATE "C"`: a PL/pgSQL argument has the default collation, and a comparison
 * whose two sides disagree cannot use a "C" index.
 */
export const v4ReadModels: Migration = {
  version: 4,
  name: 'read models',
  sql: ({ quoted: s, name }) => `
CREATE TABLE ${s}.read_model_documents (
  tenant_id text NOT NULL,
  collection text NOT NULL,
  key text COLLATE "C" NOT NULL,
  document json NOT NULL,
  CONSTRAINT read_model_documents_pkey PRIMARY KEY (tenant_id, collection, key)
);

CREATE TABLE ${s}.read_model_checkpoints (
  tenant_id text NOT NULL,
  collection text NOT NULL,
  part_count integer NOT NULL,
  part_index integer NOT NULL,
  position bigint NOT NULL,
  watermark text,
  caught_up boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT read_model_checkpoints_pkey PRIMARY KEY (tenant_id, collection, part_count, part_index),
  CONSTRAINT read_model_checkpoints_part_check CHECK (part_index >= 0 AND (part_index < part_count OR part_count = 0))
);

CREATE TABLE ${s}.read_model_timers (
  tenant_id text NOT NULL,
  collection text NOT NULL,
  key text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  payload json,
  key_hash bigint NOT NULL,
  CONSTRAINT read_model_timers_pkey PRIMARY KEY (tenant_id, collection, key, name)
);
-- (at) only: key and name break ties by an incremental sort. With them in the index, a planner without statistics
-- took it for lookups by key and name (all four columns in it) and read a collection's whole index per timer.
CREATE INDEX read_model_timers_due ON ${s}.read_model_timers (tenant_id, collection, at);

CREATE TABLE ${s}.read_model_aliases (
  tenant_id text NOT NULL,
  collection text NOT NULL,
  from_key text COLLATE "C" NOT NULL,
  to_key text NOT NULL,
  CONSTRAINT read_model_aliases_pkey PRIMARY KEY (tenant_id, collection, from_key)
);

CREATE TABLE ${s}.read_model_dead_letters (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id text NOT NULL,
  collection text NOT NULL,
  position bigint NOT NULL,
  is_timer boolean NOT NULL,
  timer_key text NOT NULL,
  timer_name text NOT NULL,
  letter json NOT NULL,
  CONSTRAINT read_model_dead_letters_pkey PRIMARY KEY (tenant_id, collection, position, is_timer, timer_key, timer_name)
);

CREATE TABLE ${s}.read_model_active_versions (
  tenant_id text NOT NULL,
  projection text NOT NULL,
  version integer NOT NULL,
  CONSTRAINT read_model_active_versions_pkey PRIMARY KEY (tenant_id, projection)
);

CREATE FUNCTION ${s}.commit_read_model(
  p_tenant text, p_collection text, p_part_count integer, p_part_index integer,
  p_expected bigint, p_position bigint, p_watermark text,
  p_doc_keys text[], p_docs text, p_deleted_keys text[],
  p_cleared_timer_keys text[], p_deleted_timer_keys text[], p_deleted_timer_names text[],
  p_timer_keys text[], p_timer_names text[], p_timer_ats text[], p_timer_payloads text[], p_timer_hashes bigint[],
  p_alias_from text[], p_alias_to text[],
  p_letter_positions bigint[], p_letter_is_timer boolean[], p_letter_timer_keys text[], p_letter_timer_names text[],
  p_letters text[],
  p_activate_projection text, p_activate_version integer,
  OUT outcome smallint, OUT actual bigint)
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $fn$
BEGIN
  IF p_expected IS NULL THEN
    INSERT INTO ${s}.read_model_checkpoints (tenant_id, collection, part_count, part_index, position, watermark)
      VALUES (p_tenant, p_collection, p_part_count, p_part_index, p_position, p_watermark)
      ON CONFLICT DO NOTHING;
  ELSE
    UPDATE ${s}.read_model_checkpoints c SET position = p_position, watermark = p_watermark, updated_at = now()
      WHERE c.tenant_id = p_tenant AND c.collection = p_collection AND c.part_count = p_part_count
        AND c.part_index = p_part_index AND c.position = p_expected;
  END IF;
  IF NOT FOUND THEN
    SELECT c.position INTO actual FROM ${s}.read_model_checkpoints c
      WHERE c.tenant_id = p_tenant AND c.collection = p_collection AND c.part_count = p_part_count
        AND c.part_index = p_part_index;
    outcome := 1;
    RETURN;
  END IF;

  IF cardinality(p_deleted_keys) > 0 THEN
    DELETE FROM ${s}.read_model_documents d
      WHERE d.tenant_id = p_tenant AND d.collection = p_collection AND d.key = ANY (p_deleted_keys COLLATE "C");
  END IF;
  IF cardinality(p_doc_keys) > 0 THEN
    INSERT INTO ${s}.read_model_documents AS d (tenant_id, collection, key, document)
      SELECT p_tenant, p_collection, t.key, t.document::json
      FROM unnest(p_doc_keys, string_to_array(p_docs, E'\\x1e')) AS t(key, document)
      ON CONFLICT (tenant_id, collection, key) DO UPDATE SET document = excluded.document;
  END IF;

  IF cardinality(p_cleared_timer_keys) > 0 THEN
    DELETE FROM ${s}.read_model_timers t
      WHERE t.tenant_id = p_tenant AND t.collection = p_collection AND t.key = ANY (p_cleared_timer_keys COLLATE "C");
  END IF;
  IF cardinality(p_deleted_timer_keys) > 0 THEN
    DELETE FROM ${s}.read_model_timers t
      USING unnest(p_deleted_timer_keys, p_deleted_timer_names) AS x(key, name)
      WHERE t.tenant_id = p_tenant AND t.collection = p_collection
        AND t.key = x.key COLLATE "C" AND t.name = x.name COLLATE "C";
  END IF;
  IF cardinality(p_timer_keys) > 0 THEN
    INSERT INTO ${s}.read_model_timers AS t (tenant_id, collection, key, name, at, payload, key_hash)
      SELECT p_tenant, p_collection, x.key, x.name, x.at, x.payload::json, x.hash
      FROM unnest(p_timer_keys, p_timer_names, p_timer_ats, p_timer_payloads, p_timer_hashes)
        AS x(key, name, at, payload, hash)
      ON CONFLICT (tenant_id, collection, key, name)
        DO UPDATE SET at = excluded.at, payload = excluded.payload, key_hash = excluded.key_hash;
  END IF;

  IF cardinality(p_alias_from) > 0 THEN
    INSERT INTO ${s}.read_model_aliases AS a (tenant_id, collection, from_key, to_key)
      SELECT p_tenant, p_collection, x.from_key, x.to_key FROM unnest(p_alias_from, p_alias_to) AS x(from_key, to_key)
      ON CONFLICT (tenant_id, collection, from_key) DO UPDATE SET to_key = excluded.to_key;
  END IF;

  IF cardinality(p_letters) > 0 THEN
    INSERT INTO ${s}.read_model_dead_letters AS l
        (tenant_id, collection, position, is_timer, timer_key, timer_name, letter)
      SELECT p_tenant, p_collection, x.position, x.is_timer, x.timer_key, x.timer_name, x.letter::json
      FROM unnest(p_letter_positions, p_letter_is_timer, p_letter_timer_keys, p_letter_timer_names, p_letters)
        AS x(position, is_timer, timer_key, timer_name, letter)
      ON CONFLICT (tenant_id, collection, position, is_timer, timer_key, timer_name)
        DO UPDATE SET letter = excluded.letter;
  END IF;

  IF p_activate_projection IS NOT NULL THEN
    IF p_part_count > 0 THEN
      -- serialise the partitions' activations, so the last one to catch up sees every other marker
      PERFORM pg_advisory_xact_lock(hashtextextended('rapport/${name}/activate/' || p_tenant || E'\\x1f' || p_collection, 0));
      UPDATE ${s}.read_model_checkpoints c SET caught_up = true
        WHERE c.tenant_id = p_tenant AND c.collection = p_collection AND c.part_count = p_part_count
          AND c.part_index = p_part_index;
    END IF;
    IF p_part_count = 0 OR (SELECT count(*) FROM ${s}.read_model_checkpoints c
        WHERE c.tenant_id = p_tenant AND c.collection = p_collection AND c.part_count = p_part_count
          AND c.caught_up) >= p_part_count THEN
      INSERT INTO ${s}.read_model_active_versions AS v (tenant_id, projection, version)
        VALUES (p_tenant, p_activate_projection, p_activate_version)
        ON CONFLICT (tenant_id, projection) DO UPDATE SET version = excluded.version;
    END IF;
  END IF;
  outcome := 0;
END
$fn$;
`,
};
