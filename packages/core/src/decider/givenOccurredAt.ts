import { parseAs } from '../schema/parse';
import { appendMetadataSchema } from '../store/appendMetadata';
import type { AppendMetadata } from '../store/envelope';

/**
 * The `occurredAt` a command's metadata gives, as the store will record it (an offset time or a `Date` in
 * `toISOString()` form), or undefined when it gives none. A malformed one is refused with the store's rule, so a
 * command is never decided at a time its events could not be recorded with.
 */
export const givenOccurredAt = (metadata: AppendMetadata | undefined): string | undefined => {
  const given = parseAs(appendMetadataSchema.shape.occurredAt, metadata?.occurredAt, 'metadata.occurredAt');
  return given === undefined ? undefined : new Date(given).toISOString();
};
