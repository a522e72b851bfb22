import { defineProjection, type ProjectionDefinition } from '@rapport/projections';
import { profileKeyOf } from '../profile/profileKey';
import { evolveMatchKeys, type MatchKeys } from './matchKeys';
import { type MatchOptions, resolveMatchOptions } from './normalise';

/** Options of the duplicates projection. */
export interface DuplicatesOptions extends MatchOptions {
  /** Read-model name; default `duplicates`. */
  readonly name?: string;
  /** Bump it when the options change what documents mean. Default 1. */
  readonly version?: number;
}

/** Every event type the duplicates projection folds. */
export const duplicateEventTypes = [
  'CustomerRegistered',
  'ContactDetailsChanged',
  'CustomerMergedInto',
  'CustomerRestored',
  'CustomerForgotten',
] as const;

/**
 * Creates the projection behind duplicate suggestions: one small document per customer record with its
 * normalised emails and phones and whether a merge closed it. `duplicateCandidates` reads it.
 *
 * @example
 * ```ts
 * const duplicates = createDuplicatesProjection({ defaultCountryCode: '44' });
 * ```
 */
export const createDuplicatesProjection = (
  options: DuplicatesOptions = {},
): ProjectionDefinition<MatchKeys> => {
  const match = resolveMatchOptions(options);
  return defineProjection<MatchKeys>({
    name: options.name ?? 'duplicates',
    version: options.version ?? 1,
    handles: duplicateEventTypes,
    keyOf: profileKeyOf,
    init: () => ({}),
    evolve: (state, event, ctx) => evolveMatchKeys(state, event, ctx, match),
  });
};

/** The duplicates projection with the default options (no default country code). */
export const duplicatesProjection: ProjectionDefinition<MatchKeys> = createDuplicatesProjection();
