import type { RecordedEvent } from '@rapport/core';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './openDatabase';

/** A row of `rapport_events` as read. */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly stream_position: number;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

type Prefix = [tenant: string, streamId: string];

/** The statements of one connection. */
export interface EventStatements {
  readonly insert: Statement<[...Prefix, number, string, string, string, string | null, string, string]>;
  readonly revision: Statement<Prefix, number | null>;
  readonly byKey: Statement<[...Prefix, string], EventRow>;
  readonly idTaken: Statement<[string], number>;
  readonly forwards: Statement<[...Prefix, number, string, number], EventRow>;
  readonly backwards: Statement<[...Prefix, number, string, number], EventRow>;
  readonly page: Statement<[string, number, number, string, string, number], EventRow>;
  readonly head: Statement<[string], number>;
}

const COLUMNS = 'position, stream_id, stream_position, id, type, data, metadata';

/** The event store's statements, prepared once per connection. */
export const eventStatements = (db: SqliteDatabase): EventStatements => ({
  insert: db.prepare<[string, string, number, string, string, string, string | null, string, string]>(
    `INSERT INTO rapport_events (tenant, stream_id, stream_position, id, type, occurred_at, idempotency_key, data, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  revision: db
    .prepare<[string, string], number | null>(
      'SELECT max(stream_position) FROM rapport_events WHERE tenant = ? AND stream_id = ?',
    )
    .pluck(),
  byKey: db.prepare<[string, string, string], EventRow>(
    `SELECT ${COLUMNS} FROM rapport_events WHERE tenant = ? AND stream_id = ? AND idempotency_key = ?
     ORDER BY stream_position`,
  ),
  idTaken: db.prepare<[string], number>('SELECT 1 FROM rapport_events WHERE id = ?').pluck(),
  forwards: db.prepare<[string, string, number, string, number], EventRow>(
    `SELECT ${COLUMNS} FROM rapport_events WHERE tenant = ? AND stream_id = ? AND stream_position >= ?
     AND occurred_at <= ? ORDER BY stream_position LIMIT ?`,
  ),
  backwards: db.prepare<[string, string, number, string, number], EventRow>(
    `SELECT ${COLUMNS} FROM rapport_events WHERE tenant = ? AND stream_id = ? AND stream_position <= ?
     AND occurred_at <= ? ORDER BY stream_position DESC LIMIT ?`,
  ),
  page: db.prepare<[string, number, number, string, string, number], EventRow>(
    `SELECT ${COLUMNS} FROM rapport_events WHERE tenant = ? AND position > ?
     AND (? = 0 OR type IN (SELECT value FROM json_each(?))) AND instr(stream_id, ?) = 1
     ORDER BY position LIMIT ?`,
  ),
  head: db
    .prepare<[string], number>('SELECT coalesce(max(position), 0) FROM rapport_events WHERE tenant = ?')
    .pluck(),
});

/** A recorded event from its row. */
export const recordedOf = (row: EventRow): RecordedEvent => ({
  id: row.id,
  type: row.type,
  data: JSON.parse(row.data),
  streamId: row.stream_id,
  streamPosition: BigInt(row.stream_position),
  globalPosition: BigInt(row.position),
  metadata: JSON.parse(row.metadata),
});
