import type { Effect } from './effect';

/** Lists of effects a reactor's context built and checked as they were emitted (payload JSON, times, names). */
const vetted = new WeakSet<readonly Effect[]>();

/**
 * Marks a commit's effects as checked, every one built by a reactor's context; returns them. One mark per list, as
 * for documents: a WeakSet entry per effect costs the collector more than the check it saves.
 */
export const vetEffects = <T extends readonly Effect[]>(effects: T): T => {
  vetted.add(effects);
  return effects;
};

/** True for a list of effects the engine collected, which a store need not walk again. */
export const areVetted = (effects: readonly Effect[]): boolean => vetted.has(effects);
