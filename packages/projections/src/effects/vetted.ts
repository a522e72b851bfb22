import type { Effect } from './effect';

/** Effects a reactor's context built and checked as they were emitted (payload JSON, times, names). */
const vetted = new WeakSet<Effect>();

/** Marks an effect as checked; returns it. */
export const vet = (effect: Effect): Effect => {
  vetted.add(effect);
  return effect;
};

/** True for an effect a reactor's context built, which a store need not walk again. */
export const isVetted = (effect: Effect): boolean => vetted.has(effect);
