import type { Migration } from './migration';

/**
 * The key store: per-customer data keys by (tenant, customer, version), and the subjects whose keys were destroyed.
 * Creating the first key, rotating and destroying take one transaction-level advisory lock per subject, so two
 * processes racing for the first key get the same one, and no key is created once the subject is shredded.
 */
export const v5DataKeys: Migration = {
  version: 5,
  name: 'data keys',
  sql: ({ quoted: s, name }) => {
    const subjectLock = `PERFORM pg_advisory_xact_lock(hashtextextended('rapport/${name}/keys/' || p_tenant || E'\\x1f' || p_customer, 0))`;
    return `
CREATE TABLE ${s}.data_keys (
  tenant_id text NOT NULL,
  customer_id text NOT NULL,
  version integer NOT NULL,
  material bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT data_keys_pkey PRIMARY KEY (tenant_id, customer_id, version),
  CONSTRAINT data_keys_version_check CHECK (version > 0)
);

CREATE TABLE ${s}.shredded_subjects (
  tenant_id text NOT NULL,
  customer_id text NOT NULL,
  shredded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shredded_subjects_pkey PRIMARY KEY (tenant_id, customer_id)
);

CREATE FUNCTION ${s}.current_data_key(p_tenant text, p_customer text, p_material bytea,
  OUT version integer, OUT material bytea)
LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT k.version, k.material INTO version, material FROM ${s}.data_keys k
    WHERE k.tenant_id = p_tenant AND k.customer_id = p_customer ORDER BY k.version DESC LIMIT 1;
  IF FOUND THEN
    RETURN;
  END IF;
  ${subjectLock};
  IF EXISTS (SELECT 1 FROM ${s}.shredded_subjects x WHERE x.tenant_id = p_tenant AND x.customer_id = p_customer) THEN
    RETURN;
  END IF;
  -- under the lock, with a fresh snapshot: a racing creator's key is visible now
  SELECT k.version, k.material INTO version, material FROM ${s}.data_keys k
    WHERE k.tenant_id = p_tenant AND k.customer_id = p_customer ORDER BY k.version DESC LIMIT 1;
  IF FOUND THEN
    RETURN;
  END IF;
  INSERT INTO ${s}.data_keys (tenant_id, customer_id, version, material) VALUES (p_tenant, p_customer, 1, p_material)
    RETURNING data_keys.version, data_keys.material INTO version, material;
END
$fn$;

CREATE FUNCTION ${s}.rotate_data_key(p_tenant text, p_customer text, p_material bytea,
  OUT version integer, OUT material bytea)
LANGUAGE plpgsql AS $fn$
BEGIN
  ${subjectLock};
  IF EXISTS (SELECT 1 FROM ${s}.shredded_subjects x WHERE x.tenant_id = p_tenant AND x.customer_id = p_customer) THEN
    RAISE EXCEPTION 'rapport: the keys of this customer were destroyed' USING ERRCODE = 'RA002';
  END IF;
  INSERT INTO ${s}.data_keys (tenant_id, customer_id, version, material)
    SELECT p_tenant, p_customer, coalesce(max(k.version), 0) + 1, p_material FROM ${s}.data_keys k
    WHERE k.tenant_id = p_tenant AND k.customer_id = p_customer
    RETURNING data_keys.version, data_keys.material INTO version, material;
END
$fn$;

CREATE FUNCTION ${s}.destroy_data_keys(p_tenant text, p_customer text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  ${subjectLock};
  INSERT INTO ${s}.shredded_subjects (tenant_id, customer_id) VALUES (p_tenant, p_customer) ON CONFLICT DO NOTHING;
  DELETE FROM ${s}.data_keys k WHERE k.tenant_id = p_tenant AND k.customer_id = p_customer;
END
$fn$;
`;
  },
};
