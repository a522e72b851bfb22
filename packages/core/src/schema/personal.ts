import { z } from 'zod';

/** What kind of personal data a field holds; drives encryption and subject-access export. */
export type PersonalDataCategory = 'identifier' | 'contact' | 'demographic' | 'free-text';

/** Registry of schemas whose values identify a person. Fields registered here are encrypted at rest and shredded on erasure. */
export const personalDataRegistry = z.registry<{ category: PersonalDataCategory }>();

/**
 * Returns a copy of `schema` marked as holding personal data of the given category; `schema` itself stays unmarked,
 * so `personal(labelSchema)` in one field never makes every other label personal.
 */
export const personal = <TSchema extends z.ZodType>(
  schema: TSchema,
  category: PersonalDataCategory = 'identifier',
): TSchema => {
  // the registry keys by schema instance, so the mark travels with the copy into object shapes
  const marked = schema.clone();
  personalDataRegistry.add(marked, { category });
  return marked;
};

/** The category `schema` was marked with (or a schema it was copied from, e.g. by `.describe()`), else undefined. */
export const personalCategory = (schema: z.ZodType): PersonalDataCategory | undefined =>
  personalDataRegistry.get(schema)?.category;

/** True when `schema` was marked with `personal()`, or is a copy (`.describe()`, `.meta()`) of a marked schema. */
export const isPersonal = (schema: z.ZodType): boolean => personalCategory(schema) !== undefined;
