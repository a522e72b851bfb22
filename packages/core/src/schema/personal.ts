import { z } from 'zod';

/** What kind of personal data a field holds; drives encryption and subject-access export. */
export type PersonalDataCategory = 'identifier' | 'contact' | 'demographic' | 'free-text';

/** Registry of schemas whose values identify a person. Fields registered here are encrypted at rest and shredded on erasure. */
export const personalDataRegistry = z.registry<{ category: PersonalDataCategory }>();

/** Marks `schema` as holding personal data of the given category and returns it. */
export const personal = <TSchema extends z.ZodType>(
  schema: TSchema,
  category: PersonalDataCategory = 'identifier',
): TSchema => {
  // the registry keys by schema instance, so the mark travels with the instance into object shapes
  personalDataRegistry.add(schema, { category });
  return schema;
};

/** True when `schema` was marked with `personal()`. */
export const isPersonal = (schema: z.ZodType): boolean => personalDataRegistry.has(schema);
