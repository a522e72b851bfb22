import type { Effect } from '@rapport/projections';

/** An effect as stored: its cause's position as a decimal string, undefined fields left out. */
interface StoredEffect extends Omit<Effect, 'cause'> {
  readonly cause: Omit<Effect['cause'], 'position'> & { readonly position: string };
}

/** The JSON text an effect is stored as (like `letterJson`: the whole record, its position as a decimal string). */
export const effectJson = (effect: Effect): string =>
  JSON.stringify({ ...effect, cause: { ...effect.cause, position: effect.cause.position.toString() } });

/** Decodes what `effectJson` stored, every field present, absent ones undefined. */
export const effectFromJson = (text: string): Effect => {
  const raw = JSON.parse(text) as StoredEffect;
  const { cause } = raw;
  return {
    id: raw.id,
    kind: raw.kind,
    reactor: raw.reactor,
    version: raw.version,
    key: raw.key,
    name: raw.name,
    type: raw.type,
    payload: raw.payload,
    notBefore: raw.notBefore ?? undefined,
    cause: {
      eventId: cause.eventId ?? undefined,
      eventType: cause.eventType ?? undefined,
      position: BigInt(cause.position),
      at: cause.at,
      timer: cause.timer ?? undefined,
      correlationId: cause.correlationId ?? undefined,
    },
  };
};
