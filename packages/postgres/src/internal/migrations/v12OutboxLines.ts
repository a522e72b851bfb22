import { COMMIT_PARAMETERS, commitCall } from './commitParameters';
import type { Migration } from './migration';

/**
 * The outbox holds a command back while an earlier command of its reactor for the same document is pending, so each
 * row gets `order_key`, the line it waits in: a hash of its reactor and key for a command, NULL for a message. The
 * claim looks for an older pending row of the line through `outbox_line`, which holds pending commands only.
 *
 * The key is not a generated column over `effect`: PostgreSQL takes a `json` apart only when every string in it can
 * be unescaped to text, and a payload may hold `\u0000`. So the client sends each command's key (encoded as stored,
 * NULL for a message) and `commit_read_model_effects` gains that array as its last parameter; the v10 function stays
 * for a client of the previous release, and what it inserts waits in no line. Reactor and key are hashed because
 * neither is bounded and an index entry must stay under ~2.7 kB; as stored they hold no U+0000, so joined by a zero
 * byte they are unambiguous.
 *
 * Rows already there are given their line from the effect, sent ones excepted (they never wait nor hold a command
 * back); one PostgreSQL cannot take apart waits in no line, as before.
 */
export const v12OutboxLines: Migration = {
  version: 12,
  name: 'outbox lines: a command waits for the earlier ones of its reactor and document',
  sql: ({ quoted: s }) => `
CREATE FUNCTION ${s}.outbox_order_key(p_reactor text, p_key text) RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $fn$
  SELECT sha256(convert_to(p_reactor, 'UTF8') || decode('00', 'hex') || convert_to(p_key, 'UTF8'))
$fn$;

ALTER TABLE ${s}.outbox ADD COLUMN order_key bytea;

CREATE FUNCTION pg_temp.v12_order_key(p_reactor text, p_effect json) RETURNS bytea
LANGUAGE plpgsql AS $fn$
BEGIN
  IF p_effect ->> 'kind' IS DISTINCT FROM 'command' THEN RETURN NULL; END IF;
  -- the key as the client stores it: no U+0000 or lone surrogate got this far, so only \\ is escaped
  RETURN ${s}.outbox_order_key(p_reactor, replace(p_effect ->> 'key', chr(92), repeat(chr(92), 2)));
EXCEPTION WHEN untranslatable_character OR invalid_text_representation THEN
  RETURN NULL;
END
$fn$;
UPDATE ${s}.outbox SET order_key = pg_temp.v12_order_key(reactor, effect) WHERE status <> 'sent';
DROP FUNCTION pg_temp.v12_order_key(text, json);

-- what a claim probes: the pending commands of a line, oldest first
CREATE INDEX outbox_line ON ${s}.outbox (tenant_id, order_key, seq)
  WHERE status = 'pending' AND order_key IS NOT NULL;

CREATE FUNCTION ${s}.commit_read_model_effects(
  ${COMMIT_PARAMETERS},
  p_effect_ids text[], p_effect_reactors text[], p_effect_due_ats text[], p_effects text, p_recorded_at text,
  p_effect_keys text[],
  OUT outcome smallint, OUT actual bigint)
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $fn$
BEGIN
  SELECT c.outcome, c.actual INTO outcome, actual FROM ${s}.commit_read_model(${commitCall}) c;
  IF outcome = 0 AND cardinality(p_effect_ids) > 0 THEN
    -- in the order given, so seq follows it and a line's order is the order its reactor emitted
    INSERT INTO ${s}.outbox (tenant_id, id, reactor, effect, status, attempts, created_at, due_at, history, order_key)
      SELECT p_tenant, x.id, x.reactor, x.effect::json, 'pending', 0, p_recorded_at, x.due_at,
        ARRAY[json_build_object('at', p_recorded_at, 'what', 'created')], ${s}.outbox_order_key(x.reactor, x.key)
      FROM unnest(p_effect_ids, p_effect_reactors, p_effect_due_ats, string_to_array(p_effects, E'\\x1e'),
          p_effect_keys)
        WITH ORDINALITY AS x(id, reactor, due_at, effect, key, i)
      ORDER BY x.i
      ON CONFLICT (tenant_id, id) DO NOTHING;
  END IF;
END
$fn$;
`,
};
