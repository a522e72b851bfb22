import type { z } from 'zod';
import { RapportError } from '../errors/rapportError';
import type { EventRegistry } from '../registry/eventRegistry';
import { personalRewrite } from './personalFields';
import { type SchemaField, schemaFields } from './schemaFields';

/** What one version of one event type keeps in clear and what it seals, leaf by leaf. */
export interface PersonalFieldAudit {
  readonly type: string;
  readonly version: number;
  /** Every leaf marked `personal()` (sealed by a protected store, erased when its customer is forgotten). */
  readonly personal: readonly SchemaField[];
  /** Every free string leaf kept in clear: each one should be a fixed vocabulary, an id, or a reason you can state. */
  readonly clearStrings: readonly SchemaField[];
}

/** Every schema of the registry, the current version of each type and each older version an upcaster reads. */
const everySchema = (registry: EventRegistry): { type: string; version: number; schema: z.ZodType }[] =>
  registry.definitions.flatMap((definition) =>
    Array.from({ length: definition.version }, (_, i) => i + 1).flatMap((version) => {
      const schema = registry.schemaOf(definition.type, version);
      return schema === undefined ? [] : [{ type: definition.type, version, schema }];
    }),
  );

const named = (type: string, version: number, error: unknown): RapportError =>
  new RapportError(
    'Configuration',
    `${type} v${version}: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error, data: { type, version } },
  );

/**
 * Checks that a protected store can seal every personal value of every schema in `registry` (current and older
 * versions): throws a Configuration error naming the type and version otherwise (a personal record key, a mark
 * hidden inside a pipe, lazy or intersection), so a registry that would leak is refused before the first append.
 */
export const assertSealable = (registry: EventRegistry): void => {
  for (const { type, version, schema } of everySchema(registry)) {
    try {
      personalRewrite(schema);
    } catch (error) {
      throw named(type, version, error);
    }
  }
};

/**
 * Lists, for every event type and version of `registry`, the leaves marked personal and the free strings kept in
 * clear: a review of your own event types before personal data reaches them (docs/security.md has the catalog's).
 * Throws a Configuration error naming the type for a schema a protected store could not seal or classify.
 */
export const auditPersonalFields = (registry: EventRegistry): readonly PersonalFieldAudit[] => {
  assertSealable(registry);
  return everySchema(registry).map(({ type, version, schema }) => {
    let fields: readonly SchemaField[];
    try {
      fields = schemaFields(schema);
    } catch (error) {
      throw named(type, version, error);
    }
    return {
      type,
      version,
      personal: fields.filter((field) => field.category !== undefined),
      clearStrings: fields.filter((field) => field.category === undefined && field.kind === 'string'),
    };
  });
};
