import type { EffectError, EffectHistoryEntry, EffectStatus, OutboxEntry } from '@rapport/projections';
import { effectFromJson } from './storedEffect';

/** An outbox row as the statements return it (see `ENTRY_COLUMNS`). */
export interface OutboxRow {
  readonly effect: string;
  readonly status: EffectStatus;
  readonly attempts: number;
  readonly created_at: string;
  readonly due_at: string;
  /** The history lines as one JSON array. */
  readonly history: string;
}

type StoredLine = EffectHistoryEntry & { readonly error?: EffectError };

/** An error as stored: `JSON.stringify` left out an undefined code. */
const errorOf = (error: EffectError): EffectError => ({
  message: error.message,
  code: error.code ?? undefined,
});

/** Decodes an outbox row. */
export const entryFromRow = (row: OutboxRow): OutboxEntry => ({
  ...effectFromJson(row.effect),
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
  dueAt: row.due_at,
  history: (JSON.parse(row.history) as StoredLine[]).map((line) =>
    line.error === undefined ? line : { ...line, error: errorOf(line.error) },
  ),
});
