import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

const NAMESPACE = '6f1d2c1e-8a0b-4c35-9d7e-2b8f3a9e5c41';

/** A new time-ordered event id (uuid v7). */
export const newEventId = (): string => uuidv7();

/** A deterministic id derived from `parts` (uuid v5), for ids that must be the same on every retry or replay. */
export const deterministicId = (...parts: readonly string[]): string =>
  uuidv5(parts.join('\u0000'), NAMESPACE);
