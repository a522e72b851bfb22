import type { Migration } from './migration';

/**
 * The events table. `global_position` has no default on purpose: positions are allocated only by
 * `allocate_positions` (see v2AppendFunctions), inside the critical section that keeps them in transaction-id order.
 * `data` and `metadata` are `json`, not `jsonb`: `jsonb` rejects `\u0000` and lone surrogates, which valid event
 * data may hold (any zod string accepts them); `json` keeps the payload byte for byte and is cheaper to write.
 */
export const v1Events: Migration = {
  version: 1,
  name: 'events table',
  sql: ({ quoted: s }) => `
CREATE SEQUENCE ${s}.global_position_seq AS bigint MINVALUE 1 CACHE 1;

CREATE TABLE ${s}.events (
  global_position bigint NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  tenant_id text NOT NULL,
  stream_id text NOT NULL,
  stream_position bigint NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  data json NOT NULL,
  metadata json NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  idempotency_key text,
  append_size integer,
  CONSTRAINT events_pkey PRIMARY KEY (global_position),
  CONSTRAINT events_stream_position_key UNIQUE (tenant_id, stream_id, stream_position),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_position_check CHECK (stream_position >= 0),
  CONSTRAINT events_append_size_check CHECK ((idempotency_key IS NULL) = (append_size IS NULL))
);

CREATE UNIQUE INDEX events_idempotency_key ON ${s}.events (tenant_id, stream_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

COMMENT ON TABLE ${s}.events IS 'Rapport event log; write only through ${s}.append_to_stream / append_to_streams';
`,
};
