import type { Json } from '../definition/json';

/** The occurrence an effect was emitted for: one event, or one firing of a timer. It is the effect's answer to "why?". */
export interface EffectCause {
  /** The event's id; undefined when a timer fired. */
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  /** Global position of the event (for a timer: of the last event applied before it). */
  readonly position: bigint;
  /** Event time of the occurrence: the event's `occurredAt`, or the timer's due time. */
  readonly at: string;
  /** The timer that fired, when a timer emitted the effect. */
  readonly timer: { readonly name: string; readonly at: string } | undefined;
  /** The causing event's correlation id, carried on to what the effect causes. */
  readonly correlationId: string | undefined;
}

/** What an effect asks for: a command for a decider, or a message for the outside world. */
export type EffectKind = 'command' | 'message';

/**
 * An effect a reactor emitted: derived purely from the log, so a replay derives the same one with the same `id`, and
 * committed with the reactor's documents and checkpoint. `id` is the idempotency key every executor is given.
 */
export interface Effect {
  readonly id: string;
  readonly kind: EffectKind;
  readonly reactor: string;
  /** The reactor version that emitted it (not part of the id: a new version re-derives the same ids). */
  readonly version: number;
  /** The reactor document the effect belongs to. */
  readonly key: string;
  /** Unique among the effects of one occurrence; defaults to `type`. */
  readonly name: string;
  /** The command type, or the message type. */
  readonly type: string;
  /** The command's data, or the message's payload. */
  readonly payload: Json;
  /** Not to be executed before this time (ISO-8601 UTC); undefined: as soon as it is committed. */
  readonly notBefore: string | undefined;
  readonly cause: EffectCause;
}

// most keys and names need no escaping: testing for that costs a fraction of encoding
const PLAIN = /^[\w.~-]*$/;
/** Escaped parts longer than this are replaced by a digest, so an id stays short enough for any store's index. */
const MAX_PART = 256;

/** Two 32-bit FNV-1a hashes of the UTF-16 code units (different offsets), as 16 hex digits. */
const digest = (text: string): string => {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
};

// `%~` never occurs in escaped text (a `%` is always followed by two hex digits): a digested part meets no real one
const part = (text: string) => {
  const escaped = PLAIN.test(text) ? text : encodeURIComponent(text);
  return escaped.length <= MAX_PART ? escaped : `%~${digest(text)}`;
};

/**
 * The deterministic id of an effect: reactor, document key, occurrence (the causing event's id, or the timer's name
 * and due time) and effect name, each part escaped so no two different tuples share an id. A reactor name holds no
 * `:` and an event id is a uuid, so the id is readable as well as unique. A part longer than 256 characters once
 * escaped (a long key) is replaced by a 64-bit digest of it, so ids stay under about a kilobyte.
 */
export const effectId = (reactor: string, key: string, cause: EffectCause, name: string): string => {
  const occurrence =
    cause.timer === undefined
      ? `e-${part(cause.eventId ?? '')}`
      : `t-${part(cause.timer.name)}@${cause.timer.at}`;
  return `${reactor}:${part(key)}:${occurrence}:${part(name)}`;
};
