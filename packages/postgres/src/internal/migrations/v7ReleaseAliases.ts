import type { Migration } from './migration';

/**
 * Alias removals: `commit_read_model` takes a null in `p_alias_to` as the removal of that key's alias (what
 * `ctx.release` commits), deleted in the same transaction as the rest of the commit; removing an absent alias does
 * nothing. The function keeps its signature, so this replaces it whole; everything but the alias step is as in v4.
 */
export const v7ReleaseAliases: Migration = {
  version: 7,
  name: 'release aliases',
  sql: ({ quoted: s, name }) => `
CREATE OR REPLACE FUNCTION ${s}.commit_read_model(
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
    -- a null target removes the alias (a release); the client sent at most one change per key
    DELETE FROM ${s}.read_model_aliases a
      USING unnest(p_alias_from, p_alias_to) AS x(from_key, to_key)
      WHERE x.to_key IS NULL AND a.tenant_id = p_tenant AND a.collection = p_collection
        AND a.from_key = x.from_key COLLATE "C";
    INSERT INTO ${s}.read_model_aliases AS a (tenant_id, collection, from_key, to_key)
      SELECT p_tenant, p_collection, x.from_key, x.to_key FROM unnest(p_alias_from, p_alias_to) AS x(from_key, to_key)
      WHERE x.to_key IS NOT NULL
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
