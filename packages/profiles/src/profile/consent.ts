import { consentKey, ownValue, setOwn } from '@rapport/core';
import { contentKey } from '../internal/order';

/** Consent for one channel and purpose: granted or withdrawn, when, and until when a grant lasts. */
export interface ConsentState {
  readonly granted: boolean;
  /** Event time of the latest grant or withdrawal, epoch ms. */
  readonly at: number;
  /** When the grant lapses (ISO-8601), if it does. */
  readonly expiresAt?: string;
}

/** Consent keyed `channel/purpose` (e.g. `email/marketing`). */
export type ConsentSection = Readonly<Record<string, ConsentState>>;

const wins = (next: ConsentState, current: ConsentState | undefined): boolean => {
  if (current === undefined || next.at > current.at) return true;
  if (next.at < current.at) return false;
  if (next.granted !== current.granted) return !next.granted;
  return contentKey(next) > contentKey(current);
};

/** Applies a grant or withdrawal; per key the later one wins and a withdrawal wins a tie. */
export const writeConsent = (
  section: ConsentSection | undefined,
  channel: string,
  purpose: string,
  next: ConsentState,
): ConsentSection | undefined => {
  const key = consentKey(channel, purpose);
  return wins(next, ownValue(section, key)) ? { ...section, [key]: next } : section;
};

/** Merges two consent sections key by key. */
export const mergeConsent = (
  a: ConsentSection | undefined,
  b: ConsentSection | undefined,
): ConsentSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out: Record<string, ConsentState> = { ...a };
  for (const [key, state] of Object.entries(b)) if (wins(state, ownValue(out, key))) setOwn(out, key, state);
  return out;
};
