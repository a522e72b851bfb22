import type { DeadLetter, Json, StoredTimer } from '@rapport/projections';
import { decodeText } from '../textCodec';

/** A timer row as the statements return it. */
export interface TimerRow {
  readonly key: string;
  readonly name: string;
  readonly at: string;
  readonly payload: string | null;
}

/** Decodes a timer row. */
export const timerFromRow = (row: TimerRow): StoredTimer => {
  const timer = { key: decodeText(row.key), name: decodeText(row.name), at: row.at };
  return row.payload === null ? timer : { ...timer, payload: JSON.parse(row.payload) as Json };
};

/** Decodes a stored dead letter (see `letterJson`), every field present, absent ones undefined. */
export const deadLetterFromJson = (text: string): DeadLetter => {
  const raw = JSON.parse(text) as Omit<DeadLetter, 'position'> & { readonly position: string };
  return {
    projection: raw.projection,
    version: raw.version,
    position: BigInt(raw.position),
    eventId: raw.eventId ?? undefined,
    eventType: raw.eventType ?? undefined,
    key: raw.key ?? undefined,
    timer: raw.timer ?? undefined,
    error: { message: raw.error.message, stack: raw.error.stack ?? undefined },
    policy: raw.policy,
    recordedAt: raw.recordedAt ?? undefined,
  };
};
