import type { z } from 'zod';

/** The families the touchpoint catalog is grouped by. */
export type EventFamily =
  | 'identity'
  | 'contact'
  | 'consent'
  | 'commerce'
  | 'credit'
  | 'communication'
  | 'marketing'
  | 'service'
  | 'feedback'
  | 'web'
  | 'loyalty'
  | (string & {});

/** The definition of one event type: its name, family, current schema version and data schema. */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly family: EventFamily;
  readonly version: number;
  readonly description: string;
  readonly schema: TSchema;
}

/** A domain event as deciders and projections see it: a type and its data. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** The domain event described by a definition. */
export type EventOf<TDefinition> =
  TDefinition extends EventDefinition<infer TType, infer TSchema>
    ? DomainEvent<TType, z.output<TSchema>>
    : never;

/** The union of domain events described by a list of definitions. */
export type EventsOf<TDefinitions extends readonly EventDefinition[]> = EventOf<TDefinitions[number]>;

/** Declares an event type. The schema is the single source of truth for its data. */
export const defineEvent = <TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
): EventDefinition<TType, TSchema> => {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(definition.type)) {
    throw new TypeError(`event type "${definition.type}" must be PascalCase letters and digits`);
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new TypeError(`event type ${definition.type}: version must be a positive integer`);
  }
  return Object.freeze({ ...definition });
};
