import { COMMIT_PARAMETERS, commitCall } from './commitParameters';
import type { Migration } from './migration';

/**
 * The outbox of reactor effects, one row per (tenant, effect id), and `commit_read_model_effects`: a reactor's commit
 * as `commit_read_model` makes it, then, only when that moved the checkpoint, the batch's effects inserted in the
 * same transaction, an id already there left as it is. Commits without effects keep calling `commit_read_model`.
 *
 * The effect is `json` (the payload may hold `\u0000`, which `jsonb` refuses), and so are the history lines, kept as
 * a `json[]` that an update appends to without parsing what is there. The effects travel like documents, as JSON
 * texts joined by U+001E, with their ids, reactors and due times beside them in arrays: `json_array_elements` would
 * unescape every string in them and fail on a `\u0000`. Times are ISO text `COLLATE "C"`, like the timers' `at`; `seq`
 * is the order effects entered, which listings follow and which breaks ties between claims due at the same time.
 */
export const v10Outbox: Migration = {
  version: 10,
  name: 'outbox',
  sql: ({ quoted: s }) => `
CREATE TABLE ${s}.outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id text NOT NULL,
  id text COLLATE "C" NOT NULL,
  reactor text COLLATE "C" NOT NULL,
  effect json NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at text COLLATE "C" NOT NULL,
  due_at text COLLATE "C" NOT NULL,
  lease_owner text,
  lease_until text COLLATE "C",
  history json[] NOT NULL,
  CONSTRAINT outbox_pkey PRIMARY KEY (tenant_id, id),
  CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'dead'))
);
-- what a claim reads: pending effects by due time; sent and dead ones, the bulk of an old outbox, are not in it
CREATE INDEX outbox_claim ON ${s}.outbox (tenant_id, due_at, seq) WHERE status = 'pending';
CREATE INDEX outbox_order ON ${s}.outbox (tenant_id, seq);

CREATE FUNCTION ${s}.commit_read_model_effects(
  ${COMMIT_PARAMETERS},
  p_effect_ids text[], p_effect_reactors text[], p_effect_due_ats text[], p_effects text, p_recorded_at text,
  OUT outcome smallint, OUT actual bigint)
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $fn$
BEGIN
  SELECT c.outcome, c.actual INTO outcome, actual FROM ${s}.commit_read_model(${commitCall}) c;
  IF outcome = 0 AND cardinality(p_effect_ids) > 0 THEN
    -- in the order given, so seq follows it; the client sent each id once
    INSERT INTO ${s}.outbox (tenant_id, id, reactor, effect, status, attempts, created_at, due_at, history)
      SELECT p_tenant, x.id, x.reactor, x.effect::json, 'pending', 0, p_recorded_at, x.due_at,
        ARRAY[json_build_object('at', p_recorded_at, 'what', 'created')]
      FROM unnest(p_effect_ids, p_effect_reactors, p_effect_due_ats, string_to_array(p_effects, E'\\x1e'))
        WITH ORDINALITY AS x(id, reactor, due_at, effect, i)
      ORDER BY x.i
      ON CONFLICT (tenant_id, id) DO NOTHING;
  END IF;
END
$fn$;
`,
};
